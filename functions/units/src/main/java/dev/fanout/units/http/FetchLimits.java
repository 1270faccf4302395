package dev.fanout.units.http;

import java.time.Duration;

/**
 * Limits on one fetch.
 *
 * @param timeout the whole fetch, redirects and body included
 * @param maxBytes the largest body accepted
 * @param maxRedirects how many redirects are followed
 */
public record FetchLimits(Duration timeout, long maxBytes, int maxRedirects) {
  public FetchLimits {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
    if (maxRedirects < 0) {
      throw new IllegalArgumentException("maxRedirects must be >= 0, got " + maxRedirects);
    }
  }

  /** 30 s, 10 MiB, 5 redirects. */
  public static FetchLimits defaults() {
    return new FetchLimits(Duration.ofSeconds(30), 10L << 20, 5);
  }

  public FetchLimits withTimeout(Duration value) {
    return new FetchLimits(value, maxBytes, maxRedirects);
  }

  public FetchLimits withMaxBytes(long value) {
    return new FetchLimits(timeout, value, maxRedirects);
  }
}
