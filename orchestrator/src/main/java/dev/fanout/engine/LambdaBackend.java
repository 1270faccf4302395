package dev.fanout.engine;

import dev.fanout.cloud.LambdaTarget;
import dev.fanout.localcloud.lambda.LocalLambdaOptions;
import dev.fanout.localcloud.lambda.LocalLambdaService;
import dev.fanout.units.aws.AwsTarget;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Where the lambda strategy's invocations go: the local Lambda service by default (started here,
 * running the real function.zip), any Invoke API endpoint with --endpoint, or AWS with --aws.
 */
final class LambdaBackend implements AutoCloseable {
  /** Invocations in flight by default against an endpoint whose limits fanout cannot read. */
  private static final int REMOTE_CONCURRENCY = 100;

  /** How long an endpoint may take to accept a connection before the run is refused. */
  private static final int PROBE_TIMEOUT_MILLIS = 3_000;

  final LambdaTarget target;
  final int concurrency;
  private final LocalLambdaService service;

  private LambdaBackend(LambdaTarget target, int concurrency, LocalLambdaService service) {
    this.target = target;
    this.concurrency = concurrency;
    this.service = service;
  }

  /**
   * Starts the local service unless the choice names an endpoint or AWS.
   *
   * @param environment variables for every instance of the local service, over the template's
   * @param own the units of your own, each run locally by a function of its own
   */
  static LambdaBackend open(
      LambdaChoice choice, Map<String, String> environment, OwnFunctions own) {
    String region = choice.region();
    if (choice.endpoint() != null) {
      requireAnswering(choice.endpoint());
      String label = "Lambda endpoint " + choice.endpoint();
      return new LambdaBackend(
          new LambdaTarget(
              choice.endpoint(),
              AwsTarget.endpoint(choice.endpoint(), region).region().id(),
              label,
              false,
              choice.functions()),
          REMOTE_CONCURRENCY,
          null);
    }
    if (choice.aws()) {
      // The default region chain's, or us-east-1 when nothing names one.
      String awsRegion = AwsTarget.aws(region).region().id();
      return new LambdaBackend(
          new LambdaTarget(
              null, awsRegion, "AWS Lambda in " + awsRegion, false, choice.functions()),
          REMOTE_CONCURRENCY,
          null);
    }
    LocalLambdaService service =
        LocalLambdaService.start(
            localOptions(
                choice, environment, ProjectFiles.template(), ProjectFiles.functionZip(), own));
    int perFunction = service.options().maxInstancesPerFunction();
    String label =
        "local emulation: function.zip in up to "
            + perFunction
            + " instances per function on this machine's "
            + Runtime.getRuntime().availableProcessors()
            + " cores";
    return new LambdaBackend(
        new LambdaTarget(
            service.endpoint(), service.options().region(), label, false, choice.functions()),
        perFunction,
        service);
  }

  /**
   * How a run starts the local service: what the choice gives, and otherwise the run's own limit on
   * instances and the service's own defaults.
   */
  static LocalLambdaOptions localOptions(
      LambdaChoice choice, Map<String, String> environment, Path template, Path functionZip) {
    return localOptions(choice, environment, template, functionZip, OwnFunctions.NONE);
  }

  static LocalLambdaOptions localOptions(
      LambdaChoice choice,
      Map<String, String> environment,
      Path template,
      Path functionZip,
      OwnFunctions own) {
    // The template's queues are the burger bar's, which opens a service of its own for them.
    LocalLambdaOptions.Builder local =
        LocalLambdaOptions.builder(template, functionZip).environment(environment).queues(false);
    // Cold starts compete for the cores: a run starts at most two instances per core.
    local.maxInstancesPerFunction(
        choice.maxInstances() != null
            ? choice.maxInstances()
            : Math.min(
                LocalLambdaOptions.defaultMaxInstances(),
                2 * Runtime.getRuntime().availableProcessors()));
    if (choice.idleTimeout() != null) {
      local.idleTimeout(choice.idleTimeout());
    }
    if (choice.region() != null) {
      local.region(choice.region());
    }
    own.functions(template).forEach(local::extraFunction);
    return local.build();
  }

  /**
   * The live instances of {@code function} at each call, as the local service counts them; empty
   * against an endpoint or AWS, which do not tell.
   */
  Optional<IntSupplier> liveInstances(String function) {
    if (service == null) {
      return Optional.empty();
    }
    if (!service.functionNames().contains(function)) {
      throw new IllegalArgumentException(
          "the local Lambda service runs no function "
              + function
              + "; template.yaml has "
              + service.functionNames());
    }
    return Optional.of(() -> service.instanceCounts().getOrDefault(function, 0));
  }

  /** How long an idle instance of the local service lives; empty elsewhere. */
  Optional<Duration> idleTimeout() {
    return service == null ? Optional.empty() : Optional.of(service.options().idleTimeout());
  }

  /**
   * Fails before the run when nothing listens at the endpoint, rather than with one "Connection
   * refused" per task.
   *
   * @throws IllegalArgumentException naming the endpoint and what to do
   */
  static void requireAnswering(URI endpoint) {
    int port =
        endpoint.getPort() != -1
            ? endpoint.getPort()
            : "https".equals(endpoint.getScheme()) ? 443 : 80;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(endpoint.getHost(), port), PROBE_TIMEOUT_MILLIS);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--endpoint "
              + endpoint
              + ": nothing answers there ("
              + e.getMessage()
              + "); start it first (e.g. scripts/fanout lambda serve), or leave --endpoint out to"
              + " run on the local Lambda service",
          e);
    }
  }

  @Override
  public void close() {
    if (service != null) {
      service.close();
    }
  }
}
