package dev.fanout.cli;

import dev.fanout.cloud.LambdaTarget;
import dev.fanout.locallambda.LocalLambdaOptions;
import dev.fanout.locallambda.LocalLambdaService;
import java.net.URI;
import java.nio.file.Path;
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

  static LambdaBackend open(RunOptions options, URI originBase, Path imageDir) {
    String region = options.region;
    if (options.endpoint != null) {
      String label = "Lambda endpoint " + options.endpoint;
      return new LambdaBackend(
          new LambdaTarget(
              options.endpoint, orDefault(region), true, label, false, options.functions),
          REMOTE_CONCURRENCY,
          null);
    }
    if (options.aws) {
      String awsRegion =
          region != null ? region : new DefaultAwsRegionProviderChain().getRegion().id();
      return new LambdaBackend(
          new LambdaTarget(
              null, awsRegion, false, "AWS Lambda in " + awsRegion, false, options.functions),
          REMOTE_CONCURRENCY,
          null);
    }
    LocalLambdaOptions.Builder local =
        LocalLambdaOptions.builder(ProjectFiles.template(), ProjectFiles.functionZip())
            .environment("FANOUT_ALLOW_LOCAL_TARGETS", "true")
            .environment("FANOUT_POKEDEX_BASE", originBase + "/pokedex/")
            .environment("FANOUT_IMAGE_DIR", imageDir.toAbsolutePath().toString());
    // Cold starts compete for the cores: a comparison starts at most two instances per core.
    local.maxInstancesPerFunction(
        options.maxInstances != null
            ? options.maxInstances
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
            service.endpoint(), service.options().region(), true, label, false, options.functions),
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
