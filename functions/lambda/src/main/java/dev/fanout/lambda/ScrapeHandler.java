package dev.fanout.lambda;

import dev.fanout.api.HttpFetcher;
import dev.fanout.units.ScrapeUnit;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;

/**
 * The {@code scrape} unit as a Lambda function. Fetches a Pokedex page and returns the text of its
 * first {@code <h1>}.
 */
@Singleton
@Named("scrape")
public class ScrapeHandler extends UnitHandler {
  @Inject
  ScrapeHandler(LambdaClients clients) {
    super(clients.unit("scrape"), clients.deadlineMargin());
  }

  ScrapeHandler(HttpFetcher fetcher, URI pokedexBase, Duration deadlineMargin) {
    super(new ScrapeUnit(fetcher, pokedexBase), deadlineMargin);
  }
}
