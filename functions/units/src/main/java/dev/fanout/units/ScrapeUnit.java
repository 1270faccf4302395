package dev.fanout.units;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.Fetched;
import dev.fanout.api.HttpFetcher;
import dev.fanout.api.Unit;
import dev.fanout.api.UnitJson;
import dev.fanout.api.UnitKind;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/** Fetches a Pokedex page and returns the text of its first {@code <h1>}: the articles' scraper. */
public final class ScrapeUnit implements Unit<ScrapeUnit.Input, ScrapeUnit.Output> {
  public static final int MAX_NUMBER = 1025;

  private final HttpFetcher fetcher;
  private final URI pokedexBase;

  public record Input(int number) {}

  public record Output(int number, String name) {}

  /**
   * @param pokedexBase the page of Pokemon {@code n} is {@code pokedexBase + n}, e.g. {@code
   *     https://pokemondb.net/pokedex/}
   */
  public ScrapeUnit(HttpFetcher fetcher, URI pokedexBase) {
    this.fetcher = fetcher;
    this.pokedexBase = pokedexBase;
  }

  @Override
  public String name() {
    return "scrape";
  }

  @Override
  public UnitKind kind() {
    return UnitKind.IO;
  }

  @Override
  public String exampleInput() {
    return "{\"number\": 1}";
  }

  @Override
  public Input parse(JsonNode input) {
    UnitJson.requireObject(name(), input, Set.of("number"), exampleInput());
    return new Input(UnitJson.requireInt(name(), input, "number", 1, MAX_NUMBER));
  }

  @Override
  public Output run(Input input, Deadline deadline) {
    deadline.require(1, "scrape " + input.number());
    return firstHeading(input, fetcher.get(pageOf(input)));
  }

  @Override
  public CompletableFuture<Output> runAsync(Input input, Deadline deadline, Executor loop) {
    return CompletableFuture.runAsync(() -> deadline.require(1, "scrape " + input.number()), loop)
        .thenComposeAsync(ready -> fetcher.getAsync(pageOf(input), loop), loop)
        .thenApplyAsync(f -> firstHeading(input, f), loop);
  }

  private URI pageOf(Input input) {
    return URI.create(pokedexBase.toString() + input.number());
  }

  private static Output firstHeading(Input input, Fetched fetched) {
    String html = new String(fetched.body(), StandardCharsets.UTF_8);
    Element h1 = Jsoup.parse(html, fetched.uri().toString()).selectFirst("h1");
    if (h1 == null) {
      throw new FetchException("the page " + fetched.uri() + " has no <h1> to scrape");
    }
    return new Output(input.number(), h1.text());
  }
}
