package dev.fanout.units;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.Fetched;
import dev.fanout.api.HttpFetcher;
import dev.fanout.api.Unit;
import dev.fanout.api.UnitJson;
import dev.fanout.api.UnitKind;
import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Concurrent Burgers' grill: cook one patty. The grill works on its own, so cooking is a wait, like
 * I/O: one GET to a grill (the local origin's {@code /grill/{patty}?millis=N} answers after N ms)
 * that answers {@code {"patty":n,"cookedMillis":N}}. The URL is part of the input, as download's
 * is, so it goes through the same fetcher, limits and destination policy.
 */
public final class GrillUnit implements Unit<GrillUnit.Input, GrillUnit.Output> {
  /** The longest a patty cooks, as the local origin's grill allows: a minute. */
  public static final long MAX_COOK_MILLIS = 60_000;

  private static final Set<String> FIELDS =
      Collections.unmodifiableSequencedSet(new LinkedHashSet<>(List.of("patty", "url")));

  private final HttpFetcher fetcher;

  public record Input(int patty, URI url) {}

  public record Output(int patty, long cookedMillis) {}

  public GrillUnit(HttpFetcher fetcher) {
    this.fetcher = fetcher;
  }

  @Override
  public String name() {
    return "grill";
  }

  @Override
  public UnitKind kind() {
    return UnitKind.IO;
  }

  @Override
  public String exampleInput() {
    return "{\"patty\": 1, \"url\": \"http://127.0.0.1:8080/grill/1?millis=400\"}";
  }

  @Override
  public Input parse(JsonNode input) {
    UnitJson.requireObject(name(), input, FIELDS, exampleInput());
    return new Input(
        UnitJson.requireInt(name(), input, "patty", 0, OrderUnit.MAX_NUMBER),
        DownloadUnit.requireUrl(name(), input));
  }

  @Override
  public Output run(Input input, Deadline deadline) {
    deadline.require(1, "grill patty " + input.patty());
    return cooked(input, fetcher.get(input.url()));
  }

  @Override
  public CompletableFuture<Output> runAsync(Input input, Deadline deadline, Executor loop) {
    return CompletableFuture.runAsync(
            () -> deadline.require(1, "grill patty " + input.patty()), loop)
        .thenComposeAsync(ready -> fetcher.getAsync(input.url(), loop), loop)
        .thenApplyAsync(fetched -> cooked(input, fetched), loop);
  }

  /** Reads the grill's answer: this patty, cooked for a number of milliseconds. */
  private static Output cooked(Input input, Fetched fetched) {
    JsonNode answer;
    try {
      answer = UnitJson.mapper().readTree(fetched.body());
    } catch (IOException e) {
      throw new FetchException(notAGrill(fetched), e);
    }
    JsonNode patty = answer == null ? null : answer.get("patty");
    JsonNode millis = answer == null ? null : answer.get("cookedMillis");
    if (!whole(patty)
        || !whole(millis)
        || millis.longValue() < 0
        || millis.longValue() > MAX_COOK_MILLIS) {
      throw new FetchException(notAGrill(fetched));
    }
    if (!patty.canConvertToInt() || patty.intValue() != input.patty()) {
      throw new FetchException(
          "the grill at "
              + fetched.uri()
              + " cooked patty "
              + patty
              + ", not patty "
              + input.patty()
              + ": its URL must name the same patty as the input");
    }
    return new Output(input.patty(), millis.longValue());
  }

  private static boolean whole(JsonNode node) {
    return node != null && node.isIntegralNumber() && node.canConvertToLong();
  }

  private static String notAGrill(Fetched fetched) {
    return "the grill at "
        + fetched.uri()
        + " did not answer {\"patty\": n, \"cookedMillis\": N} with N in 0.."
        + MAX_COOK_MILLIS
        + ": is the URL a grill's?";
  }
}
