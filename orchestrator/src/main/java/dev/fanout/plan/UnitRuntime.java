package dev.fanout.plan;

import dev.fanout.units.UnitCatalog;
import dev.fanout.units.UnitDependencies;
import dev.fanout.units.http.DestinationPolicy;
import dev.fanout.units.http.FetchLimits;
import dev.fanout.units.http.JdkHttpFetcher;
import dev.fanout.units.store.DirectoryObjectStore;

/**
 * The units wired to real adapters for one JVM: one HTTP client shared by every task, built on the
 * first fetch so that a JVM that only computes starts without it.
 */
public final class UnitRuntime implements AutoCloseable {
  private final JdkHttpFetcher fetcher;
  private final UnitCatalog catalog;

  private UnitRuntime(JdkHttpFetcher fetcher, UnitCatalog catalog) {
    this.fetcher = fetcher;
    this.catalog = catalog;
  }

  public static UnitRuntime open(UnitSettings settings) {
    FetchLimits limits =
        FetchLimits.defaults()
            .withTimeout(settings.fetchTimeout())
            .withMaxBytes(settings.maxResponseBytes());
    // Local runs reach whatever the user points them at, the local origin included.
    JdkHttpFetcher fetcher = JdkHttpFetcher.createOnFirstUse(limits, DestinationPolicy.anyHttp());
    UnitCatalog catalog =
        UnitCatalog.create(
            new UnitDependencies(
                fetcher, new DirectoryObjectStore(settings.imageDir()), settings.pokedexBase()));
    return new UnitRuntime(fetcher, catalog);
  }

  public UnitCatalog catalog() {
    return catalog;
  }

  @Override
  public void close() {
    fetcher.close();
  }
}
