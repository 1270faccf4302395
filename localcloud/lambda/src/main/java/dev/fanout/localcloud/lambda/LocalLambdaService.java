package dev.fanout.localcloud.lambda;

import dev.fanout.localcloud.http.HttpLimits;
import dev.fanout.localcloud.http.HttpLoop;
import dev.fanout.localcloud.lambda.esm.QueueTrigger;
import dev.fanout.localcloud.lambda.pool.Pool;
import dev.fanout.localcloud.lambda.pool.PoolFunction;
import dev.fanout.localcloud.lambda.pool.PoolLimits;
import dev.fanout.localcloud.scratch.ScratchDirectory;
import dev.fanout.localcloud.sqs.LocalQueue;
import dev.fanout.localcloud.sqs.TemplateQueues;
import dev.fanout.localcloud.template.Stack;
import dev.fanout.localcloud.template.Template;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The local Lambda service: the functions of a SAM template, run from the built {@code
 * function.zip} as AWS runs them, behind the Lambda Invoke API on 127.0.0.1, so that any Lambda
 * client (an AWS SDK, the AWS CLI) invokes them, many at once, with no AWS account and no Docker.
 *
 * <p>Each function instance is a child JVM running the AWS Lambda Runtime Interface Client against
 * a Runtime API endpoint of its own. An idle instance takes the next invocation (warm); otherwise a
 * new one starts (cold, with its init duration measured) while the function is below its
 * concurrency, and past it the invocation is throttled with AWS's 429. An invocation past its
 * timeout is stopped by killing its instance, and every answer can carry the tail of the log with
 * AWS's START, END and REPORT lines.
 */
public final class LocalLambdaService implements AutoCloseable {
  /**
   * The Runtime APIs' limit: a response a little past Lambda's 6 MB must still arrive whole, to be
   * answered Function.ResponseSizeTooLarge. The Invoke API takes 6 MB at most, refused from the
   * request's head.
   */
  private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

  private static final Path CACHE =
      Path.of(System.getProperty("java.io.tmpdir"), "fanout-locallambda");
  private static final System.Logger LOG = System.getLogger(LocalLambdaService.class.getName());

  /** Asynchronous invocations waiting for an instance, per function, at most. */
  static final int MAX_QUEUED_EVENTS = 10_000;

  private final LocalLambdaOptions options;
  private final Map<String, FunctionConfig> functions;
  private final Map<String, Integer> concurrency;
  private final PoolShell pool;
  private final HttpLoop loop;
  private final HttpLoop.Listener invokeApi;
  private final ScheduledThreadPoolExecutor timer;
  private final ExecutorService launches;
  private final ScratchDirectory workDirectory;
  private final URI endpoint;
  private final List<String> warnings;
  private final ServedQueues served;
  private final List<QueueTrigger> queueTriggers;
  private boolean closed;

  private LocalLambdaService(
      LocalLambdaOptions options,
      Map<String, FunctionConfig> functions,
      Map<String, Integer> concurrency,
      PoolShell pool,
      HttpLoop loop,
      HttpLoop.Listener invokeApi,
      ScheduledThreadPoolExecutor timer,
      ExecutorService launches,
      ScratchDirectory workDirectory,
      URI endpoint,
      List<String> warnings,
      ServedQueues served,
      List<QueueTrigger> queueTriggers) {
    this.options = options;
    this.functions = Collections.unmodifiableMap(new LinkedHashMap<>(functions));
    this.concurrency = Map.copyOf(concurrency);
    this.pool = pool;
    this.loop = loop;
    this.invokeApi = invokeApi;
    this.timer = timer;
    this.launches = launches;
    this.workDirectory = workDirectory;
    this.endpoint = endpoint;
    this.warnings = List.copyOf(warnings);
    this.served = served;
    this.queueTriggers = List.copyOf(queueTriggers);
  }

  /**
   * Reads the template, checks the zip ({@link FunctionZip}), unpacks it (once per build), and
   * starts serving; instances start on the first invocations.
   *
   * @throws IllegalArgumentException when the template or the zip is missing or unusable, or an
   *     override names an unknown function; nothing is started or unpacked then
   * @throws UncheckedIOException when the address cannot be bound
   */
  public static LocalLambdaService start(LocalLambdaOptions options) {
    Template source = Template.read(options.template());
    Stack stack = Stack.local(options.region(), options.parameterOverrides());
    // Before the queues start: the functions' handlers do not depend on them.
    FunctionZip.check(options.functionZip(), SamTemplate.of(source, stack, Map.of()).functions());
    ServedQueues served = ServedQueues.create(options, new TemplateQueues(source, stack));
    try {
      return start(options, SamTemplate.of(source, stack, served.queues()), served);
    } catch (RuntimeException e) {
      served.close();
      throw e;
    }
  }

  /**
   * The functions of the template at {@code template} as the service would run them, read without
   * starting anything: for a caller that checks a function's name before it starts the service.
   *
   * @throws IllegalArgumentException when the file is missing, is not a template, or has no
   *     function
   */
  public static List<FunctionConfig> functionsOf(
      Path template, Map<String, String> parameterOverrides, String region) {
    return SamTemplate.read(template, parameterOverrides, region).functions();
  }

  private static LocalLambdaService start(
      LocalLambdaOptions options, SamTemplate template, ServedQueues served) {
    Map<String, FunctionConfig> functions = new LinkedHashMap<>();
    for (FunctionConfig function : template.functions()) {
      functions.put(function.name(), function);
    }
    for (FunctionConfig extra : options.extraFunctions()) {
      if (functions.putIfAbsent(extra.name(), extra) != null) {
        throw new IllegalArgumentException(
            "cannot add the function "
                + extra.name()
                + ": the template has a function of that name already");
      }
    }
    for (Map.Entry<String, Integer> reserved : options.reservedConcurrencyOverrides().entrySet()) {
      FunctionConfig function = functions.get(reserved.getKey());
      if (function == null) {
        throw new IllegalArgumentException(
            "cannot reserve concurrency for "
                + reserved.getKey()
                + ": the template's functions are "
                + functions.keySet());
      }
      functions.put(function.name(), function.withReservedConcurrency(reserved.getValue()));
    }
    Map<String, Path> taskRoots = new LinkedHashMap<>();
    for (FunctionConfig function : functions.values()) {
      taskRoots.put(
          function.name(), TaskRoot.withLayers(options.functionZip(), function.layerJars(), CACHE));
    }
    RuntimeInterfaceClient ric = RuntimeInterfaceClient.locate(CACHE);
    InetSocketAddress address = address(options);

    // The instances' logs; removed at close, at exit, or by the next service if this one is killed.
    ScratchDirectory workDirectory = ScratchDirectory.create("fanout-locallambda-");
    LongSupplier nanoTime = System::nanoTime;
    HttpLoop loop = HttpLoop.start("locallambda-http", MAX_BODY_BYTES);
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().name("locallambda-timer").daemon(true).factory());
    timer.setRemoveOnCancelPolicy(true);
    ExecutorService launches =
        Executors.newCachedThreadPool(
            Thread.ofPlatform().name("locallambda-launch-", 0).daemon(true).factory());
    InstanceLauncher launcher =
        new InstanceLauncher(
            taskRoots,
            ric,
            workDirectory.path(),
            options.region(),
            served.instanceEnvironment(options.environmentOverrides()),
            loop,
            launches);
    List<PoolFunction> poolFunctions = new ArrayList<>();
    Map<String, Integer> concurrency = new TreeMap<>();
    for (FunctionConfig function : functions.values()) {
      int limit = function.reserved().orElse(options.maxInstancesPerFunction());
      concurrency.put(function.name(), limit);
      poolFunctions.add(
          new PoolFunction(
              function.name(), limit, function.reserved().isPresent(), function.timeout()));
    }
    PoolShell pool =
        new PoolShell(
            new Pool(
                poolFunctions,
                new PoolLimits(
                    MachineLimits.current().maxInstances(),
                    options.idleTimeout(),
                    MAX_QUEUED_EVENTS)),
            functions,
            launcher,
            timer,
            nanoTime,
            options.logListener(),
            options.region());
    HttpLoop.Listener invokeApi;
    try {
      invokeApi =
          loop.listen(
              address,
              new InvokeApi(functions, pool, options.region()),
              HttpLimits.of(InvokeApi.MAX_REQUEST_BYTES));
    } catch (RuntimeException e) {
      loop.close();
      timer.shutdownNow();
      launches.shutdownNow();
      workDirectory.close();
      throw e;
    }
    URI endpoint =
        URI.create(
            "http://"
                + (address.getAddress().isAnyLocalAddress()
                    ? InetAddress.getLoopbackAddress().getHostAddress()
                    : address.getAddress().getHostAddress())
                + ":"
                + invokeApi.port());
    served.startMappings(
        template.queueTriggers(), concurrency, pool, options.region(), options.batchListener());
    return new LocalLambdaService(
        options,
        functions,
        concurrency,
        pool,
        loop,
        invokeApi,
        timer,
        launches,
        workDirectory,
        endpoint,
        template.warnings(),
        served,
        template.queueTriggers());
  }

  /** Where the Invoke API listens, e.g. {@code http://127.0.0.1:3001}: the SDK's endpoint. */
  public URI endpoint() {
    return endpoint;
  }

  /** The functions, by the names clients invoke them with. */
  public Set<String> functionNames() {
    return functions.keySet();
  }

  /** The functions as the service runs them (template values with overrides applied). */
  public List<FunctionConfig> functions() {
    return List.copyOf(functions.values());
  }

  /** The most invocations each function runs at once; more are throttled. */
  public Map<String, Integer> concurrencyLimits() {
    return new TreeMap<>(concurrency);
  }

  /** Live instances per function (starting, busy or idle), e.g. for tests. */
  public Map<String, Integer> instanceCounts() {
    Map<String, Integer> counts = new TreeMap<>();
    functions.keySet().forEach(name -> counts.put(name, pool.liveInstances(name)));
    return counts;
  }

  /** Invocations handed to a runtime and not answered yet, per function: for tests. */
  Map<String, Integer> runningCounts() {
    Map<String, Integer> counts = new TreeMap<>();
    functions.keySet().forEach(name -> counts.put(name, pool.runningInvocations(name)));
    return counts;
  }

  /** Where the local SQS listens, when the template has queues. */
  public Optional<URI> sqsEndpoint() {
    return served.endpoint();
  }

  /** The template's queues in the local SQS, by logical id (none when it has no queues). */
  public Map<String, LocalQueue> queues() {
    return served.queues();
  }

  /** The functions' SQS event source mappings, as read from the template. */
  public List<QueueTrigger> queueTriggers() {
    return queueTriggers;
  }

  /** What the template held that could not be resolved locally, e.g. a Ref to a bucket. */
  public List<String> warnings() {
    return warnings;
  }

  public LocalLambdaOptions options() {
    return options;
  }

  /** Stops every instance at once (killed, as Lambda does) and stops serving. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    served.stopMappings(); // no new batches; those being handled end with the pool below
    List<InstanceProcess> stopped = pool.shutdown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (InstanceProcess instance : stopped) {
      Process process = instance.process;
      if (process == null) {
        continue;
      }
      try {
        process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    invokeApi.close();
    loop.close();
    timer.shutdownNow();
    launches.shutdownNow();
    served.close();
    try {
      workDirectory.close();
    } catch (UncheckedIOException e) {
      LOG.log(Level.WARNING, "cannot delete " + workDirectory, e);
    }
  }

  @Override
  public String toString() {
    return "LocalLambdaService[" + endpoint + ", " + functionNames() + "]";
  }

  private static InetSocketAddress address(LocalLambdaOptions options) {
    try {
      return new InetSocketAddress(InetAddress.getByName(options.host()), options.port());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "unknown host " + options.host() + ": use an address such as 127.0.0.1", e);
    }
  }
}
