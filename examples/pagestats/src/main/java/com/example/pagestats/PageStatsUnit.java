package com.example.pagestats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.Fetched;
import dev.fanout.api.HttpFetcher;
import dev.fanout.api.Unit;
import dev.fanout.api.UnitJson;
import dev.fanout.api.UnitKind;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches a page and measures its text: words, distinct words, the most frequent ones, and a
 * SHA-256 of the bytes fetched. Mostly waiting on the network, a little counting.
 */
public final class PageStatsUnit implements Unit<PageStatsUnit.Input, PageStatsUnit.Output> {
  /** Words of three letters or more, in any script; markup is dropped first. */
  private static final Pattern WORD = Pattern.compile("\\p{L}{3,}");

  private static final Pattern TAG =
      Pattern.compile(
          "<script.*?</script>|<style.*?</style>|<[^>]*>",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private final HttpFetcher fetcher;

  public record Input(URI url, int top) {}

  public record Output(
      String url, int bytes, String sha256, int words, int distinctWords, List<String> topWords) {}

  public PageStatsUnit(HttpFetcher fetcher) {
    this.fetcher = fetcher;
  }

  @Override
  public String name() {
    return "pagestats";
  }

  @Override
  public UnitKind kind() {
    return UnitKind.IO;
  }

  @Override
  public String exampleInput() {
    return "{\"url\": \"http://127.0.0.1:8080/pokedex/25\", \"top\": 3}";
  }

  @Override
  public Input parse(JsonNode input) {
    UnitJson.requireObject(name(), input, Set.of("url", "top"), exampleInput());
    String url = UnitJson.requireText(name(), input, "url", 2048, "an http or https URL");
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw UnitJson.invalid(name(), "url", "an http or https URL", input.get("url"));
    }
    return new Input(URI.create(url), UnitJson.optionalInt(name(), input, "top", 1, 20, 3));
  }

  @Override
  public Output run(Input input, Deadline deadline) {
    return measure(input, fetcher.get(input.url()));
  }

  /** The fetch waits without a thread; the counting runs on the loop, as asyncio would run it. */
  @Override
  public CompletableFuture<Output> runAsync(Input input, Deadline deadline, Executor loop) {
    return fetcher.getAsync(input.url(), loop).thenApply(fetched -> measure(input, fetched));
  }

  static Output measure(Input input, Fetched page) {
    String text = TAG.matcher(new String(page.body(), StandardCharsets.UTF_8)).replaceAll(" ");
    Map<String, Integer> counts = new HashMap<>();
    int words = 0;
    for (Matcher word = WORD.matcher(text); word.find(); words++) {
      counts.merge(word.group().toLowerCase(Locale.ROOT), 1, Integer::sum);
    }
    List<String> top =
        counts.entrySet().stream()
            .sorted(
                Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(input.top())
            .map(Map.Entry::getKey)
            .toList();
    return new Output(
        page.uri().toString(), page.body().length, sha256(page.body()), words, counts.size(), top);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }
}
