package dev.fanout.lambda;

import dev.fanout.units.StoreException;
import dev.fanout.units.Unit;
import dev.fanout.units.UnitCatalog;
import dev.fanout.units.UnitDependencies;
import dev.fanout.units.http.DestinationPolicy;
import dev.fanout.units.http.FetchLimits;
import dev.fanout.units.http.JdkHttpFetcher;
import dev.fanout.units.http.PublicDestinationPolicy;
import dev.fanout.units.store.DirectoryObjectStore;
import dev.fanout.units.store.ObjectStore;
import dev.fanout.units.store.s3.S3ObjectStore;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The clients a function instance builds once and keeps across invocations: the HTTP fetcher, the
 * image store and the units wired to them. The store is built on first use, so only the image
 * function pays for an S3 client.
 */
@Singleton
public class LambdaClients {
  private final LambdaSettings settings;
  private final JdkHttpFetcher fetcher;
  private final LazyStore store;
  private final UnitCatalog catalog;

  @Inject
  LambdaClients(LambdaSettings settings) {
    this.settings = settings;
    this.fetcher = JdkHttpFetcher.create(fetchLimits(settings.fetch()), policy(settings));
    this.store = new LazyStore(settings.image());
    this.catalog = UnitCatalog.create(new UnitDependencies(fetcher, store, settings.pokedexBase()));
  }

  /** The unit a handler runs. */
  Unit<?, ?> unit(String name) {
    return catalog.unit(name);
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
          image.bucket().get(), image.prefix().orElse(""), image.endpoint(), image.timeout());
    } catch (RuntimeException e) {
      throw new StoreException(
          "cannot set up the S3 client for bucket " + image.bucket().get() + ": " + e.getMessage(),
          e);
    }
  }

  @PreDestroy
  void close() {
    fetcher.close();
    store.close();
  }

  /** Builds the image store on its first put; a failed build is retried on the next put. */
  private static final class LazyStore implements ObjectStore {
    private final LambdaSettings.Image image;
    private ObjectStore store;

    LazyStore(LambdaSettings.Image image) {
      this.image = image;
    }

    @Override
    public String put(String key, byte[] bytes, String contentType) {
      return store().put(key, bytes, contentType);
    }

    private synchronized ObjectStore store() {
      if (store == null) {
        store = imageStore(image);
      }
      return store;
    }

    synchronized void close() {
      if (store instanceof S3ObjectStore s3) {
        s3.close();
      }
    }
  }
}
