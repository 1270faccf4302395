package dev.fanout.localcloud.lambda;

import dev.fanout.localcloud.lambda.esm.BatchRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How the local Lambda service runs.
 *
 * @param template the SAM template that names the functions ({@code template.yaml})
 * @param functionZip the built deployment package every function runs ({@code function.zip})
 * @param host the address to bind, {@code 127.0.0.1} unless it must be reachable from elsewhere
 * @param port the Invoke API's port, 0 for a free one
 * @param maxInstancesPerFunction the concurrency of a function without reserved concurrency: at
 *     this many busy instances a further invocation is throttled (429)
 * @param idleTimeout how long an idle instance stays warm before it is stopped
 * @param environmentOverrides variables set in every instance, over the template's (e.g. {@code
 *     FANOUT_ALLOW_LOCAL_TARGETS=true})
 * @param reservedConcurrencyOverrides reserved concurrency by function name, over the template's
 * @param parameterOverrides values of the template's Parameters, over their Default
 * @param region the region instances are told they run in ({@code AWS_REGION})
 * @param logListener receives each finished invocation's log (its output, then END and REPORT);
 *     called on the service's threads, so it must be quick
 * @param queues serve the template's queues in a local SQS and run its functions' SQS event source
 *     mappings; off, the queues are not created and Refs to them stay unresolved
 * @param sqsPort the local SQS's port when the template has queues, 0 for a free one
 * @param batchListener hears of each batch an SQS event source mapping settled
 * @param extraFunctions functions beside the template's, run from the same function.zip (e.g. one
 *     whose layer holds a unit of your own); none may share a template function's name
 */
public record LocalLambdaOptions(
    Path template,
    Path functionZip,
    String host,
    int port,
    int maxInstancesPerFunction,
    Duration idleTimeout,
    Map<String, String> environmentOverrides,
    Map<String, Integer> reservedConcurrencyOverrides,
    Map<String, String> parameterOverrides,
    String region,
    Consumer<String> logListener,
    boolean queues,
    int sqsPort,
    BatchRecord.Listener batchListener,
    List<FunctionConfig> extraFunctions) {

  /**
   * How long an idle instance stays warm. AWS does not publish how long an idle execution
   * environment lives; measurements by others put it at minutes. Five minutes keeps a lab's
   * instances warm between the runs of one session, and an idle JVM's memory is given back soon
   * after.
   */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

  public LocalLambdaOptions {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(functionZip, "functionZip");
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank: pass an address like 127.0.0.1");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be in 0..65535 (0: any free), got " + port);
    }
    if (maxInstancesPerFunction < 1) {
      throw new IllegalArgumentException(
          "maxInstancesPerFunction must be at least 1, got " + maxInstancesPerFunction);
    }
    if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
    }
    for (Map.Entry<String, Integer> reserved : reservedConcurrencyOverrides.entrySet()) {
      if (reserved.getValue() == null || reserved.getValue() < 1) {
        throw new IllegalArgumentException(
            "reserved concurrency of "
                + reserved.getKey()
                + " must be at least 1, got "
                + reserved.getValue());
      }
    }
    if (region == null || region.isBlank()) {
      throw new IllegalArgumentException("region must not be blank, e.g. us-east-1");
    }
    environmentOverrides = Map.copyOf(environmentOverrides);
    reservedConcurrencyOverrides = Map.copyOf(reservedConcurrencyOverrides);
    parameterOverrides = Map.copyOf(parameterOverrides);
    Objects.requireNonNull(logListener, "logListener (pass log -> {} for none)");
    if (sqsPort < 0 || sqsPort > 65_535) {
      throw new IllegalArgumentException(
          "the SQS port must be in 0..65535 (0: any free), got " + sqsPort);
    }
    Objects.requireNonNull(batchListener, "batchListener (pass BatchRecord.Listener.NONE)");
    extraFunctions = List.copyOf(extraFunctions);
  }

  /**
   * Loopback on a free port, {@link #defaultMaxInstances()} per function, {@link
   * #DEFAULT_IDLE_TIMEOUT} idle timeout, us-east-1, no overrides, no log listener.
   */
  public static LocalLambdaOptions defaults(Path template, Path functionZip) {
    return builder(template, functionZip).build();
  }

  /** A builder starting from {@link #defaults}. */
  public static Builder builder(Path template, Path functionZip) {
    return new Builder(template, functionZip);
  }

  /**
   * Four instances per core (most time in a fan-out is waiting), but no more than the machine's
   * memory holds: see {@link MachineLimits}.
   */
  public static int defaultMaxInstances() {
    return MachineLimits.current().defaultInstancesPerFunction();
  }

  /**
   * The most instances this machine can start, for one function or all together: what its memory
   * holds, at most a thousand (see {@link MachineLimits}). The service never runs more; a larger
   * {@link #maxInstancesPerFunction} is a limit it cannot reach.
   */
  public static int maxInstancesLimit() {
    return MachineLimits.current().maxInstances();
  }

  /**
   * Where {@link #maxInstancesLimit()} comes from, in a phrase, for a message that refuses more.
   */
  public static String describeMaxInstancesLimit() {
    return MachineLimits.current().describeMaxInstances();
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    Builder builder =
        new Builder(template, functionZip)
            .host(host)
            .port(port)
            .maxInstancesPerFunction(maxInstancesPerFunction)
            .idleTimeout(idleTimeout)
            .region(region)
            .logListener(logListener)
            .queues(queues)
            .sqsPort(sqsPort)
            .batchListener(batchListener);
    builder.environment.putAll(environmentOverrides);
    builder.reserved.putAll(reservedConcurrencyOverrides);
    builder.parameters.putAll(parameterOverrides);
    builder.extraFunctions.addAll(extraFunctions);
    return builder;
  }

  /** Builds options, SDK style: {@code builder(t, z).port(3001).environment("K", "V").build()}. */
  public static final class Builder {
    private final Path template;
    private final Path functionZip;
    private String host = "127.0.0.1";
    private int port;
    private int maxInstancesPerFunction = defaultMaxInstances();
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<String, Integer> reserved = new LinkedHashMap<>();
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private String region = "us-east-1";
    private Consumer<String> logListener = log -> {};
    private boolean queues = true;
    private int sqsPort;
    private BatchRecord.Listener batchListener = BatchRecord.Listener.NONE;
    private final List<FunctionConfig> extraFunctions = new ArrayList<>();

    private Builder(Path template, Path functionZip) {
      this.template = template;
      this.functionZip = functionZip;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder maxInstancesPerFunction(int maxInstancesPerFunction) {
      this.maxInstancesPerFunction = maxInstancesPerFunction;
      return this;
    }

    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = idleTimeout;
      return this;
    }

    /** Sets one variable in every instance, over the template's value. */
    public Builder environment(String name, String value) {
      environment.put(name, value);
      return this;
    }

    public Builder environment(Map<String, String> variables) {
      environment.putAll(variables);
      return this;
    }

    /** Gives one function a reserved concurrency, over the template's. */
    public Builder reservedConcurrency(String function, int reservedConcurrency) {
      reserved.put(function, reservedConcurrency);
      return this;
    }

    /** Sets one of the template's Parameters, over its Default. */
    public Builder parameter(String name, String value) {
      parameters.put(name, value);
      return this;
    }

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    public Builder logListener(Consumer<String> logListener) {
      this.logListener = logListener;
      return this;
    }

    public Builder queues(boolean queues) {
      this.queues = queues;
      return this;
    }

    public Builder sqsPort(int sqsPort) {
      this.sqsPort = sqsPort;
      return this;
    }

    public Builder batchListener(BatchRecord.Listener batchListener) {
      this.batchListener = batchListener;
      return this;
    }

    /** Runs {@code function} too, beside the template's functions. */
    public Builder extraFunction(FunctionConfig function) {
      extraFunctions.add(function);
      return this;
    }

    public LocalLambdaOptions build() {
      return new LocalLambdaOptions(
          template,
          functionZip,
          host,
          port,
          maxInstancesPerFunction,
          idleTimeout,
          environment,
          reserved,
          parameters,
          region,
          logListener,
          queues,
          sqsPort,
          batchListener,
          extraFunctions);
    }
  }
}
