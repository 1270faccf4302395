package dev.fanout.units;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.Fetched;
import dev.fanout.api.HttpFetcher;
import dev.fanout.api.InvalidInputException;
import dev.fanout.api.Unit;
import dev.fanout.api.UnitJson;
import dev.fanout.api.UnitKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** Downloads one page and reports how much it read: the articles' site downloader. */
public final class DownloadUnit implements Unit<DownloadUnit.Input, DownloadUnit.Output> {
  private final HttpFetcher fetcher;

  public record Input(URI url) {}

  public record Output(String url, int status, long bytes) {}

  public DownloadUnit(HttpFetcher fetcher) {
    this.fetcher = fetcher;
  }

  @Override
  public String name() {
    return "download";
  }

  @Override
  public UnitKind kind() {
    return UnitKind.IO;
  }

  @Override
  public String exampleInput() {
    return "{\"url\": \"http://127.0.0.1:8080/pages/jython\"}";
  }

  @Override
  public Input parse(JsonNode input) {
    UnitJson.requireObject(name(), input, Set.of("url"), exampleInput());
    return new Input(requireUrl(name(), input));
  }

  @Override
  public Output run(Input input, Deadline deadline) {
    deadline.require(1, "download " + input.url());
    return output(input, fetcher.get(input.url()));
  }

  @Override
  public CompletableFuture<Output> runAsync(Input input, Deadline deadline, Executor loop) {
    return CompletableFuture.runAsync(() -> deadline.require(1, "download " + input.url()), loop)
        .thenComposeAsync(ready -> fetcher.getAsync(input.url(), loop), loop)
        .thenApplyAsync(f -> output(input, f), loop);
  }

  private static Output output(Input input, Fetched fetched) {
    return new Output(input.url().toString(), fetched.status(), fetched.body().length);
  }

  /** Reads the {@code url} field: an absolute http(s) URL. */
  static URI requireUrl(String unit, JsonNode input) {
    String allowed = "an absolute http or https URL";
    String text = UnitJson.requireText(unit, input, "url", 2048, allowed);
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme();
      if (scheme != null
          && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below with the same message as any other bad URL
    }
    throw new InvalidInputException(
        "url", unit + ": field 'url' must be " + allowed + ", got \"" + text + "\"");
  }
}
