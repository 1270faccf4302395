package dev.fanout.lambda;

import dev.fanout.api.HttpFetcher;
import dev.fanout.api.Unit;
import dev.fanout.units.LedgerException;
import dev.fanout.units.OwnUnits;
import dev.fanout.units.StoreException;
import dev.fanout.units.UnitCatalog;
import dev.fanout.units.UnitDependencies;
import dev.fanout.units.aws.AwsTarget;
import dev.fanout.units.http.ApacheHttpFetcher;
import dev.fanout.units.http.DestinationPolicy;
import dev.fanout.units.http.FetchLimits;
import dev.fanout.units.http.PublicDestinationPolicy;
import dev.fanout.units.http.StandInUrls;
import dev.fanout.units.ledger.Ledger;
import dev.fanout.units.ledger.LedgerState;
import dev.fanout.units.ledger.Transfer;
import dev.fanout.units.ledger.TransferResult;
import dev.fanout.units.ledger.dynamodb.DynamoDbLedger;
import dev.fanout.units.store.DirectoryObjectStore;
import dev.fanout.units.store.ObjectStore;
import dev.fanout.units.store.s3.S3ObjectStore;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The clients a function instance builds once and keeps across invocations: the HTTP fetcher, the
 * image store, the ledger and the units wired to them. The store and the ledger are built on first
 * use, so only the image function pays for an S3 client and only transfer for a DynamoDB one; the
 * fetcher's client too, so that a function that fetches nothing (fib, say) starts without it.
 */
@Singleton
public class LambdaClients {
  private final LambdaSettings settings;
  private final ApacheHttpFetcher fetcher;
  private final LazyStore store;
  private final LazyLedger ledger;
  private final OnFirstUse<ServedOrders> servedOrders;
  private final UnitCatalog catalog;

  @Inject
  LambdaClients(LambdaSettings settings) {
    this.settings = settings;
    this.fetcher =
        ApacheHttpFetcher.createOnFirstUse(fetchLimits(settings.fetch()), policy(settings));
    this.store = new LazyStore(settings.image());
    this.ledger = new LazyLedger(settings.ledger());
    this.servedOrders = new OnFirstUse<>(() -> servedOrders(settings.ledger()));
    // Units of your own come in a layer: its jars are on the class path this class came from.
    this.catalog =
        UnitCatalog.create(
            new UnitDependencies(
                standIns(settings, fetcher), store, settings.pokedexBase(), ledger),
            OwnUnits.onClassPath(LambdaClients.class.getClassLoader()));
  }

  /** The fetcher, asking the local stand-ins for the public URLs they answer in local runs. */
  private static HttpFetcher standIns(LambdaSettings settings, HttpFetcher fetcher) {
    return settings.allowLocalTargets() && settings.standInUrls().isPresent()
        ? StandInUrls.parse(settings.standInUrls().get()).around(fetcher)
        : fetcher;
  }

  /**
   * The unit FANOUT_UNIT names, for the generic handler.
   *
   * @throws IllegalStateException when FANOUT_UNIT is not set or names no unit on the class path
   */
  Unit<?, ?> configuredUnit() {
    String name =
        settings
            .unit()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the generic handler runs the unit named by FANOUT_UNIT, which is not set"));
    try {
      return catalog.unit(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "FANOUT_UNIT: "
              + e.getMessage()
              + " (is the unit's jar in one of the function's layers?)",
          e);
    }
  }

  /** The unit a handler runs. */
  Unit<?, ?> unit(String name) {
    return catalog.unit(name);
  }

  /** The burger bar's served orders, in the ledger table; built on first use. */
  ServedOrders servedOrders() {
    return servedOrders.get();
  }

  Duration deadlineMargin() {
    return settings.deadlineMargin();
  }

  static FetchLimits fetchLimits(LambdaSettings.Fetch fetch) {
    return new FetchLimits(fetch.timeout(), fetch.maxBytes(), fetch.maxRedirects());
  }

  static DestinationPolicy policy(LambdaSettings settings) {
    return settings.allowLocalTargets()
        ? DestinationPolicy.anyHttp()
        : PublicDestinationPolicy.create();
  }

  /** A directory when FANOUT_IMAGE_DIR is set, else the S3 bucket, else a clear refusal. */
  static ObjectStore imageStore(LambdaSettings.Image image) {
    if (image.dir().isPresent()) {
      return new DirectoryObjectStore(image.dir().get());
    }
    if (image.bucket().isEmpty()) {
      return (key, bytes, contentType) -> {
        throw new StoreException(
            "no image store is configured: set FANOUT_IMAGE_BUCKET (S3, with FANOUT_IMAGE_PREFIX)"
                + " or FANOUT_IMAGE_DIR (a directory)",
            null);
      };
    }
    try {
      return S3ObjectStore.create(
          image.bucket().get(),
          image.prefix().orElse(""),
          target(image.endpoint()),
          image.timeout());
    } catch (RuntimeException e) {
      throw new StoreException(
          "cannot set up the S3 client for bucket " + image.bucket().get() + ": " + e.getMessage(),
          e);
    }
  }

  /** The DynamoDB ledger of FANOUT_LEDGER_TABLE, else a clear refusal. */
  static Ledger ledger(LambdaSettings.Ledger settings) {
    if (settings.table().isEmpty()) {
      throw new LedgerException(
          "no ledger table is configured: set FANOUT_LEDGER_TABLE (template.yaml sets it to the"
              + " stack's LedgerTable)",
          null);
    }
    try {
      // One transfer at a time per instance: a few connections are plenty.
      return DynamoDbLedger.create(
          settings.table().get(), target(settings.endpoint()), settings.timeout(), 4);
    } catch (RuntimeException e) {
      throw new LedgerException(
          "cannot set up the DynamoDB client for table "
              + settings.table().get()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  static ServedOrders servedOrders(LambdaSettings.Ledger settings) {
    if (settings.table().isEmpty()) {
      throw new LedgerException(
          "no ledger table is configured: set FANOUT_LEDGER_TABLE, where served orders are"
              + " recorded (template.yaml sets it to the stack's LedgerTable)",
          null);
    }
    return new ServedOrders(
        DynamoDbLedger.client(target(settings.endpoint()), settings.timeout(), 4),
        settings.table().get());
  }

  /**
   * Where an instance's AWS clients go: {@code endpoint} (a local run's stand-in, signed with dummy
   * credentials) or AWS, in the instance's AWS_REGION, which Lambda and the local Lambda service
   * both set.
   */
  static AwsTarget target(Optional<URI> endpoint) {
    return AwsTarget.of(endpoint.orElse(null), System.getenv("AWS_REGION"));
  }

  @PreDestroy
  void close() {
    fetcher.close();
    store.close();
    ledger.close();
    servedOrders.ifBuilt(ServedOrders::close);
  }

  /** The ledger, built on its first use. */
  private static final class LazyLedger implements Ledger {
    private final OnFirstUse<Ledger> ledger;

    LazyLedger(LambdaSettings.Ledger settings) {
      this.ledger = new OnFirstUse<>(() -> LambdaClients.ledger(settings));
    }

    @Override
    public void open(Map<String, Long> balances) {
      ledger.get().open(balances);
    }

    @Override
    public TransferResult transfer(Transfer transfer) {
      return ledger.get().transfer(transfer);
    }

    @Override
    public LedgerState read(Collection<String> accounts, Collection<String> transferIds) {
      return ledger.get().read(accounts, transferIds);
    }

    void close() {
      ledger.ifBuilt(built -> ((DynamoDbLedger) built).close());
    }
  }

  /** The image store, built on its first put. */
  private static final class LazyStore implements ObjectStore {
    private final OnFirstUse<ObjectStore> store;

    LazyStore(LambdaSettings.Image image) {
      this.store = new OnFirstUse<>(() -> imageStore(image));
    }

    @Override
    public String put(String key, byte[] bytes, String contentType) {
      return store.get().put(key, bytes, contentType);
    }

    void close() {
      store.ifBuilt(
          built -> {
            if (built instanceof S3ObjectStore s3) {
              s3.close();
            }
          });
    }
  }

  /** A client built on first use; a failed build is tried again on the next use. */
  private static final class OnFirstUse<T> {
    private final Supplier<T> build;
    private T value;

    OnFirstUse(Supplier<T> build) {
      this.build = build;
    }

    synchronized T get() {
      if (value == null) {
        value = build.get();
      }
      return value;
    }

    synchronized void ifBuilt(Consumer<T> action) {
      if (value != null) {
        action.accept(value);
      }
    }
  }
}
