package dev.fanout.plan;

import dev.fanout.units.OwnUnits;
import dev.fanout.units.UnitCatalog;
import dev.fanout.units.UnitDependencies;
import dev.fanout.units.http.ApacheHttpFetcher;
import dev.fanout.units.http.DestinationPolicy;
import dev.fanout.units.http.FetchLimits;
import dev.fanout.units.ledger.Ledger;
import dev.fanout.units.ledger.LockedMemoryLedger;
import dev.fanout.units.ledger.UnsafeMemoryLedger;
import dev.fanout.units.ledger.dynamodb.DynamoDbLedger;
import dev.fanout.units.store.DirectoryObjectStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The units wired to real adapters for one JVM: one HTTP client shared by every task, built on the
 * first fetch so that a JVM that only computes starts without it, and one ledger.
 */
public final class UnitRuntime implements AutoCloseable {
  /** The longest one DynamoDB call may take, retries included. */
  private static final Duration LEDGER_CALL_TIMEOUT = Duration.ofSeconds(30);

  /** Connections to DynamoDB from one JVM: enough for a wide in-JVM fan-out. */
  private static final int LEDGER_CONNECTIONS = 256;

  private final ApacheHttpFetcher fetcher;
  private final Ledger ledger;
  private final OwnUnits own;
  private final UnitCatalog catalog;

  private UnitRuntime(ApacheHttpFetcher fetcher, Ledger ledger, OwnUnits own, UnitCatalog catalog) {
    this.fetcher = fetcher;
    this.ledger = ledger;
    this.own = own;
    this.catalog = catalog;
  }

  public static UnitRuntime open(UnitSettings settings) {
    FetchLimits limits =
        FetchLimits.defaults()
            .withTimeout(settings.fetchTimeout())
            .withMaxBytes(settings.maxResponseBytes());
    // Local runs reach whatever the user points them at, the local origin included.
    ApacheHttpFetcher fetcher =
        ApacheHttpFetcher.createOnFirstUse(limits, DestinationPolicy.anyHttp());
    OwnUnits own = OwnUnits.fromJars(settings.unitJars());
    Ledger ledger = ledger(settings.ledger());
    UnitCatalog catalog =
        UnitCatalog.create(
            new UnitDependencies(
                fetcher,
                new DirectoryObjectStore(settings.imageDir()),
                settings.pokedexBase(),
                ledger),
            own);
    return new UnitRuntime(fetcher, ledger, own, catalog);
  }

  private static Ledger ledger(LedgerSettings settings) {
    return switch (settings.kind()) {
      case UNSAFE -> new UnsafeMemoryLedger();
      case LOCKED -> new LockedMemoryLedger();
      case DYNAMODB ->
          DynamoDbLedger.create(
              settings.table(), settings.target(), LEDGER_CALL_TIMEOUT, LEDGER_CONNECTIONS);
    };
  }

  /**
   * The names of the units in {@code jars}, checked as a run would check them (each jar offers a
   * unit, each unit can be built and has a name of its own).
   *
   * @throws IllegalArgumentException naming what is wrong with a jar or a unit
   */
  public static List<String> ownUnitNames(List<Path> jars) {
    if (jars.isEmpty()) {
      return List.of();
    }
    UnitSettings settings = UnitSettings.forLedger(LedgerSettings.memory(true)).withUnitJars(jars);
    try (UnitRuntime runtime = open(settings)) {
      return runtime.catalog().ownNames();
    }
  }

  public UnitCatalog catalog() {
    return catalog;
  }

  /** The units of your own this JVM runs beside the built-in ones. */
  public OwnUnits own() {
    return own;
  }

  /** The ledger {@code transfer} runs against in this JVM: to open before a run, read after. */
  public Ledger ledger() {
    return ledger;
  }

  @Override
  public void close() {
    fetcher.close();
    if (ledger instanceof DynamoDbLedger dynamoDb) {
      dynamoDb.close();
    }
    own.close();
  }
}
