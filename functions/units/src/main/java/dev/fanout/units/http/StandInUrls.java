package dev.fanout.units.http;

import dev.fanout.api.Fetched;
import dev.fanout.api.HttpFetcher;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Public URLs answered by a local stand-in: the articles' hosts served by the local origin, so a
 * function's sample event works on a machine with no network. A URL equal to a public address (with
 * or without its last slash) goes to that address's stand-in; one under a public prefix ending in
 * {@code /} keeps the rest of its path. Everything else is fetched as it is.
 *
 * @param byPublic the stand-in of each public URL or prefix, in the order they are tried
 */
public record StandInUrls(Map<String, String> byPublic) {
  public StandInUrls {
    byPublic = Collections.unmodifiableMap(new LinkedHashMap<>(byPublic));
  }

  /**
   * Reads {@code public=local,public=local}, as the local services hand it to functions.
   *
   * @throws IllegalArgumentException naming the entry that is not {@code public=local} with two
   *     absolute http(s) URLs
   */
  public static StandInUrls parse(String text) {
    Map<String, String> byPublic = new LinkedHashMap<>();
    for (String entry : text.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int equals = entry.indexOf('=');
      String from = equals < 0 ? "" : entry.substring(0, equals).strip();
      String to = equals < 0 ? "" : entry.substring(equals + 1).strip();
      if (!isHttpUrl(from) || !isHttpUrl(to)) {
        throw new IllegalArgumentException(
            "a stand-in is public=local with two absolute http(s) URLs, got '"
                + entry.strip()
                + "'");
      }
      byPublic.put(from, to);
    }
    return new StandInUrls(byPublic);
  }

  /** The text {@link #parse} reads. */
  public String format() {
    StringBuilder text = new StringBuilder();
    byPublic.forEach(
        (from, to) -> text.append(text.isEmpty() ? "" : ",").append(from).append('=').append(to));
    return text.toString();
  }

  /** Where {@code uri} is fetched from: its stand-in, or itself. */
  public URI resolve(URI uri) {
    String url = uri.toString();
    for (Map.Entry<String, String> standIn : byPublic.entrySet()) {
      String from = standIn.getKey();
      String bare = from.endsWith("/") ? from.substring(0, from.length() - 1) : from;
      if (url.equals(bare) || url.equals(bare + "/")) {
        return URI.create(standIn.getValue());
      }
      if (from.endsWith("/") && url.startsWith(from)) {
        String to = standIn.getValue();
        return URI.create((to.endsWith("/") ? to : to + "/") + url.substring(from.length()));
      }
    }
    return uri;
  }

  /** {@code fetcher}, fetching each URL from its stand-in. */
  public HttpFetcher around(HttpFetcher fetcher) {
    return new HttpFetcher() {
      @Override
      public Fetched get(URI uri) {
        return fetcher.get(resolve(uri));
      }

      @Override
      public CompletableFuture<Fetched> getAsync(URI uri, Executor executor) {
        return fetcher.getAsync(resolve(uri), executor);
      }
    };
  }

  private static boolean isHttpUrl(String text) {
    try {
      URI uri = URI.create(text);
      return uri.getHost() != null
          && ("http".equalsIgnoreCase(uri.getScheme())
              || "https".equalsIgnoreCase(uri.getScheme()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
