package dev.fanout.localcloud.http;

import java.time.Duration;
import java.util.Objects;

/**
 * What one listener of {@link HttpLoop} accepts, so that one client cannot take the memory or the
 * sockets of a server shared by many.
 *
 * @param maxBodyBytes the largest request body; a larger Content-Length is refused with 413 from
 *     the request's head, before any of the body is read, and a chunked body as soon as it passes
 *     the limit
 * @param maxConnections connections open at once on the port; past it a new connection is answered
 *     503 and closed (shared by the loops that {@link HttpLoop#share share} the port)
 * @param idleTimeout how long a connection may stay open with no request in the handler's hands
 *     (kept alive between requests, or sending one too slowly); {@link Duration#ZERO} for no limit.
 *     A request waiting for its answer (a long poll) never counts as idle
 */
public record HttpLimits(int maxBodyBytes, int maxConnections, Duration idleTimeout) {

  /**
   * Far above what one lab run opens (the origin, which is benched with 2,000 clients, asks for
   * more), and far below the file descriptors a process gets.
   */
  public static final int DEFAULT_MAX_CONNECTIONS = 1_024;

  /**
   * Longer than the 60 s after which the AWS SDK's HTTP clients drop an idle connection, so that a
   * client never reuses a connection the server is closing at that moment (nginx waits 75 s too).
   */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(75);

  public HttpLimits {
    if (maxBodyBytes < 0) {
      throw new IllegalArgumentException("maxBodyBytes must not be negative, got " + maxBodyBytes);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException(
          "maxConnections must be at least 1, got " + maxConnections);
    }
    Objects.requireNonNull(idleTimeout, "idleTimeout (Duration.ZERO for none)");
    if (idleTimeout.isNegative()) {
      throw new IllegalArgumentException("idleTimeout must not be negative, got " + idleTimeout);
    }
  }

  /** Bodies of up to {@code maxBodyBytes}, and the default connection cap and idle timeout. */
  public static HttpLimits of(int maxBodyBytes) {
    return new HttpLimits(maxBodyBytes, DEFAULT_MAX_CONNECTIONS, DEFAULT_IDLE_TIMEOUT);
  }

  public HttpLimits withMaxBodyBytes(int maxBodyBytes) {
    return new HttpLimits(maxBodyBytes, maxConnections, idleTimeout);
  }

  public HttpLimits withMaxConnections(int maxConnections) {
    return new HttpLimits(maxBodyBytes, maxConnections, idleTimeout);
  }

  public HttpLimits withIdleTimeout(Duration idleTimeout) {
    return new HttpLimits(maxBodyBytes, maxConnections, idleTimeout);
  }
}
