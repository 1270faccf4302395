package dev.fanout.units.http;

import java.net.URI;

/** Decides which URLs a fetch may reach; checked before the first request and on each redirect. */
@FunctionalInterface
public interface DestinationPolicy {

  /**
   * Throws {@link dev.fanout.units.FetchException} naming the reason when {@code uri} is refused.
   */
  void check(URI uri);

  /** Any http or https destination: for local runs against the local origin. */
  static DestinationPolicy anyHttp() {
    return uri -> {};
  }
}
