package dev.fanout.cli;

import dev.fanout.cloud.LambdaTarget;
import dev.fanout.localcloud.lambda.LocalLambdaOptions;
import dev.fanout.localcloud.lambda.LocalLambdaService;
import dev.fanout.plan.UnitSettings;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Where the lambda strategy's invocations go: the local Lambda service by default (started here,
 * running the real function.zip), any Invoke API endpoint with --endpoint, or AWS with --aws.
 */
final class LambdaBackend implements AutoCloseable {
  /** Invocations in flight by default against an endpoint whose limits fanout cannot read. */
  private static final int REMOTE_CONCURRENCY = 100;

  final LambdaTarget target;
  final int concurrency;
  private final LocalLambdaService service;

  private LambdaBackend(LambdaTarget target, int concurrency, LocalLambdaService service) {
    this.target = target;
    this.concurrency = concurrency;
    this.service = service;
  }

  /**
   * Where to invoke and how to start the local service.
   *
   * @param endpoint an Invoke API endpoint; null for the local service or AWS
   * @param aws invoke the deployed functions on AWS
   * @param maxInstances instances per function of the local service; null for the default
   */
  record Choice(
      URI endpoint,
      boolean aws,
      String region,
      Map<String, String> functions,
      Integer maxInstances) {}

  /** The backend of a comparison: the local service reaches the origin and the image directory. */
  static LambdaBackend open(RunOptions options, UnitSettings settings) {
    return open(
        new Choice(
            options.endpoint, options.aws, options.region, options.functions, options.maxInstances),
        Map.of(
            "FANOUT_ALLOW_LOCAL_TARGETS", "true",
            "FANOUT_POKEDEX_BASE", settings.pokedexBase().toString(),
            "FANOUT_IMAGE_DIR", settings.imageDir().toAbsolutePath().toString()));
  }

  /**
   * @param environment variables for every instance of the local service, over the template's
   */
  static LambdaBackend open(Choice choice, Map<String, String> environment) {
    String region = choice.region();
    if (choice.endpoint() != null) {
      String label = "Lambda endpoint " + choice.endpoint();
      return new LambdaBackend(
          new LambdaTarget(
              choice.endpoint(), orDefault(region), true, label, false, choice.functions()),
          REMOTE_CONCURRENCY,
          null);
    }
    if (choice.aws()) {
      String awsRegion =
          region != null ? region : new DefaultAwsRegionProviderChain().getRegion().id();
      return new LambdaBackend(
          new LambdaTarget(
              null, awsRegion, false, "AWS Lambda in " + awsRegion, false, choice.functions()),
          REMOTE_CONCURRENCY,
          null);
    }
    LocalLambdaOptions.Builder local =
        LocalLambdaOptions.builder(ProjectFiles.template(), ProjectFiles.functionZip())
            .environment(environment);
    // Cold starts compete for the cores: a run starts at most two instances per core.
    local.maxInstancesPerFunction(
        choice.maxInstances() != null
            ? choice.maxInstances()
            : Math.min(
                LocalLambdaOptions.defaultMaxInstances(),
                2 * Runtime.getRuntime().availableProcessors()));
    LocalLambdaService service = LocalLambdaService.start(local.build());
    int perFunction = service.options().maxInstancesPerFunction();
    String label =
        "local emulation: function.zip in up to "
            + perFunction
            + " instances per function on this machine's "
            + Runtime.getRuntime().availableProcessors()
            + " cores";
    return new LambdaBackend(
        new LambdaTarget(
            service.endpoint(), service.options().region(), true, label, false, choice.functions()),
        perFunction,
        service);
  }

  private static String orDefault(String region) {
    return region == null ? "us-east-1" : region;
  }

  @Override
  public void close() {
    if (service != null) {
      service.close();
    }
  }
}
