package dev.fanout.localcloud.origin;

import java.time.Duration;

/**
 * Where the local origin listens and how much latency it adds to every answer but {@code /health}.
 *
 * @param host the address to bind, {@code 127.0.0.1} unless the origin must be reachable from
 *     elsewhere
 * @param port the port to bind, 0 for a free ephemeral one
 * @param latency the delay added before each response's headers, at most {@link #MAX_DELAY}
 * @param jitter the upper bound of a uniform random delay added on top of {@code latency}, at most
 *     {@link #MAX_DELAY}
 */
public record OriginOptions(String host, int port, Duration latency, Duration jitter) {

  /** The largest latency or jitter: one minute, like the {@code ?delay=} override. */
  public static final Duration MAX_DELAY = Duration.ofMinutes(1);

  public OriginOptions {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException(
          "host must not be blank: pass an address such as 127.0.0.1");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(
          "port must be in 0..65535 (0 picks a free port), got " + port);
    }
    checkDelay("latency", latency);
    checkDelay("jitter", jitter);
  }

  /** Loopback, an ephemeral port, no added latency and no jitter. */
  public static OriginOptions defaults() {
    return new OriginOptions("127.0.0.1", 0, Duration.ZERO, Duration.ZERO);
  }

  public OriginOptions withHost(String host) {
    return new OriginOptions(host, port, latency, jitter);
  }

  public OriginOptions withPort(int port) {
    return new OriginOptions(host, port, latency, jitter);
  }

  public OriginOptions withLatency(Duration latency) {
    return new OriginOptions(host, port, latency, jitter);
  }

  public OriginOptions withJitter(Duration jitter) {
    return new OriginOptions(host, port, latency, jitter);
  }

  private static void checkDelay(String field, Duration value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " must not be null: pass Duration.ZERO for none");
    }
    if (value.isNegative()) {
      throw new IllegalArgumentException(field + " must not be negative, got " + value);
    }
    if (value.compareTo(MAX_DELAY) > 0) {
      throw new IllegalArgumentException(
          field + " must be at most " + MAX_DELAY + ", got " + value);
    }
  }
}
