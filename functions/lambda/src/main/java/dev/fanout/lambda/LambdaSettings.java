package dev.fanout.lambda;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The functions' settings, read once per instance. Each is set by an environment variable named
 * after it, e.g. {@code fanout.image.bucket} by {@code FANOUT_IMAGE_BUCKET}.
 */
@ConfigMapping(prefix = "fanout")
public interface LambdaSettings {

  /** FANOUT_POKEDEX_BASE: the scrape unit fetches this URL followed by the Pokemon's number. */
  @WithDefault("https://pokemondb.net/pokedex/")
  URI pokedexBase();

  /**
   * FANOUT_ALLOW_LOCAL_TARGETS: let download, image, scrape and grill reach loopback and private
   * addresses (the local origin, tests). Off in the cloud, where a fetch may reach only public
   * addresses.
   */
  @WithDefault("false")
  boolean allowLocalTargets();

  /**
   * FANOUT_STAND_IN_URLS: {@code public=local,...}, public URLs fetched from local stand-ins (the
   * articles' hosts from the local origin), so that the sample events work offline. Honoured only
   * with FANOUT_ALLOW_LOCAL_TARGETS.
   */
  Optional<String> standInUrls();

  /**
   * FANOUT_UNIT: the unit the generic handler ({@code QUARKUS_LAMBDA_HANDLER=unit}) runs: a unit of
   * your own, found on the class path (a layer's jars) through ServiceLoader, or a built-in one.
   */
  Optional<String> unit();

  /**
   * FANOUT_DEADLINE_MARGIN: how long before the invocation's timeout a unit must stop, to leave
   * time to report DeadlineExceeded.
   */
  @WithDefault("500ms")
  Duration deadlineMargin();

  Fetch fetch();

  Image image();

  Ledger ledger();

  Stage stage();

  /** The burger bar's stages on Lambda, each fed by a queue. */
  interface Stage {
    /** FANOUT_STAGE_NEXT_QUEUE_URL: where a stage sends what it made (the next stage's queue). */
    Optional<String> nextQueueUrl();

    /** FANOUT_STAGE_GRILL_URL: the grill cook-patties waits on, e.g. the local origin's address. */
    Optional<URI> grillUrl();

    /** FANOUT_STAGE_COOK_MILLIS: how long a patty cooks. */
    @WithDefault("200")
    long cookMillis();
  }

  /** Limits on each fetch of download, image, scrape and grill. */
  interface Fetch {
    /** FANOUT_FETCH_TIMEOUT: the whole fetch, redirects included; keep it below the timeout. */
    @WithDefault("10s")
    Duration timeout();

    /** FANOUT_FETCH_MAX_BYTES: the largest body accepted. */
    @WithDefault("10485760")
    long maxBytes();

    /** FANOUT_FETCH_MAX_REDIRECTS. */
    @WithDefault("5")
    int maxRedirects();
  }

  /** Where the image unit stores what it downloads: a directory when set, else S3. */
  interface Image {
    /** FANOUT_IMAGE_DIR: store images as files under this directory (local runs). */
    Optional<Path> dir();

    /** FANOUT_IMAGE_BUCKET: store images in this S3 bucket. */
    Optional<String> bucket();

    /** FANOUT_IMAGE_PREFIX: a key prefix inside the bucket, e.g. {@code fanout/}. */
    Optional<String> prefix();

    /** FANOUT_IMAGE_ENDPOINT: an S3-compatible endpoint (LocalStack, S3Mock) instead of AWS. */
    Optional<URI> endpoint();

    /** FANOUT_IMAGE_TIMEOUT: the longest one S3 call may take, retries included. */
    @WithDefault("10s")
    Duration timeout();
  }

  /** Where the transfer unit keeps the balances: a DynamoDB table. */
  interface Ledger {
    /** FANOUT_LEDGER_TABLE: the DynamoDB table of accounts and transfer records. */
    Optional<String> table();

    /** FANOUT_LEDGER_ENDPOINT: a DynamoDB-compatible endpoint instead of AWS (local runs). */
    Optional<URI> endpoint();

    /** FANOUT_LEDGER_TIMEOUT: the longest one DynamoDB call may take, retries included. */
    @WithDefault("10s")
    Duration timeout();
  }
}
