package dev.fanout.lambda;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Settings as plain values, for tests that build LambdaClients without Quarkus. */
record TestSettings(
    URI pokedexBase,
    boolean allowLocalTargets,
    Optional<String> standInUrls,
    Optional<String> unit,
    Duration deadlineMargin,
    LambdaSettings.Fetch fetch,
    LambdaSettings.Image image,
    LambdaSettings.Ledger ledger,
    LambdaSettings.Stage stage)
    implements LambdaSettings {

  /**
   * The defaults of LambdaSettings, with local targets allowed or not and images in {@code dir}.
   */
  static TestSettings defaults(boolean allowLocalTargets, Optional<Path> dir) {
    return new TestSettings(
        URI.create("https://pokemondb.net/pokedex/"),
        allowLocalTargets,
        Optional.empty(),
        Optional.empty(),
        Duration.ofMillis(500),
        new FetchSettings(Duration.ofSeconds(10), 10L << 20, 5),
        new ImageSettings(
            dir, Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofSeconds(10)),
        new LedgerSettings(Optional.empty(), Optional.empty(), Duration.ofSeconds(10)),
        new StageSettings(Optional.empty(), Optional.empty(), 200));
  }

  record FetchSettings(Duration timeout, long maxBytes, int maxRedirects)
      implements LambdaSettings.Fetch {}

  record ImageSettings(
      Optional<Path> dir,
      Optional<String> bucket,
      Optional<String> prefix,
      Optional<URI> endpoint,
      Duration timeout)
      implements LambdaSettings.Image {}

  record LedgerSettings(Optional<String> table, Optional<URI> endpoint, Duration timeout)
      implements LambdaSettings.Ledger {}

  record StageSettings(Optional<String> nextQueueUrl, Optional<URI> grillUrl, long cookMillis)
      implements LambdaSettings.Stage {}
}
