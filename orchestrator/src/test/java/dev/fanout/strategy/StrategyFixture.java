package dev.fanout.strategy;

import dev.fanout.cloud.LambdaTarget;
import dev.fanout.localcloud.lambda.LocalLambdaOptions;
import dev.fanout.localcloud.lambda.LocalLambdaService;
import dev.fanout.localcloud.origin.OriginOptions;
import dev.fanout.localcloud.origin.OriginServer;
import dev.fanout.plan.UnitRuntime;
import dev.fanout.plan.UnitSettings;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A local origin and the units wired to it, for strategy tests; and, on first use, the local Lambda
 * service running the built function.zip against the same origin and image directory.
 */
final class StrategyFixture implements AutoCloseable {
  final OriginServer origin;
  final UnitSettings settings;
  final UnitRuntime runtime;
  private LocalLambdaService lambda;

  StrategyFixture(Path imageDir) {
    origin = OriginServer.start(OriginOptions.defaults());
    settings = UnitSettings.forOrigin(origin.baseUri(), imageDir);
    runtime = UnitRuntime.open(settings);
  }

  Strategies.Context context(int workers) {
    return new Strategies.Context(runtime.catalog(), settings, workers, System::nanoTime);
  }

  /** A context whose lambda strategy invokes the local Lambda service. */
  synchronized Strategies.Context lambdaContext(int workers) {
    if (lambda == null) {
      Path root = projectRoot();
      lambda =
          LocalLambdaService.start(
              LocalLambdaOptions.builder(
                      root.resolve("template.yaml"),
                      root.resolve("functions/lambda/target/function.zip"))
                  .maxInstancesPerFunction(4)
                  .environment("FANOUT_ALLOW_LOCAL_TARGETS", "true")
                  .environment("FANOUT_POKEDEX_BASE", origin.baseUri() + "/pokedex/")
                  .environment("FANOUT_IMAGE_DIR", settings.imageDir().toString())
                  .build());
    }
    LambdaTarget target =
        new LambdaTarget(lambda.endpoint(), "us-east-1", "local emulation", false);
    return new Strategies.Context(
        runtime.catalog(), settings, workers, System::nanoTime, target, 4);
  }

  static Path projectRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("template.yaml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
  }

  @Override
  public void close() {
    if (lambda != null) {
      lambda.close();
    }
    runtime.close();
    origin.close();
  }
}
