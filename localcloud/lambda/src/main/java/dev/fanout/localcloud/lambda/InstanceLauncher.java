package dev.fanout.localcloud.lambda;

import dev.fanout.localcloud.http.HttpLoop;
import dev.fanout.localcloud.lambda.pool.PoolEvent;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Starts function instances as child JVMs the way the Lambda Java runtime does: the task root as
 * working directory, Lambda's environment variables, C1-only JIT, a heap sized from the function's
 * memory, and the Runtime Interface Client as main class, pointed at the instance's own Runtime API
 * endpoint.
 */
final class InstanceLauncher {
  /** Heap as a share of the function's memory, like the Lambda Java runtime's MaxHeapSize. */
  static final double HEAP_SHARE = 0.85;

  /**
   * Passed on from the service's environment, so instances find the tools. Nothing that leads to
   * credentials is: no keys, profile or config file of the user's.
   */
  private static final List<String> INHERITED = List.of("PATH", "HOME");

  /**
   * An instance's credentials, where Lambda puts its role's: dummies, which local stand-ins accept,
   * so that a function's SDK client never looks further (a profile, a metadata service) and never
   * signs with a real key.
   */
  static final Map<String, String> LOCAL_CREDENTIALS =
      Map.of("AWS_ACCESS_KEY_ID", "fanout", "AWS_SECRET_ACCESS_KEY", "local");

  private static final System.Logger LOG = System.getLogger(InstanceLauncher.class.getName());

  private final Map<String, Path> taskRoots;
  private final RuntimeInterfaceClient ric;
  private final Path logDirectory;
  private final String region;
  private final Map<String, String> overrides;
  private final HttpLoop loop;
  private final Executor executor;
  private final Path java;

  InstanceLauncher(
      Map<String, Path> taskRoots,
      RuntimeInterfaceClient ric,
      Path logDirectory,
      String region,
      Map<String, String> overrides,
      HttpLoop loop,
      Executor executor) {
    this.taskRoots = Map.copyOf(taskRoots);
    this.ric = ric;
    this.logDirectory = logDirectory;
    this.region = region;
    this.overrides = Map.copyOf(overrides);
    this.loop = loop;
    this.executor = executor;
    this.java = Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /**
   * Starts {@code instance} of {@code function} in the background, reporting to {@code events} that
   * it launched (or could not), and later that it exited.
   */
  void launch(InstanceProcess instance, FunctionConfig function, Consumer<PoolEvent> events) {
    executor.execute(
        () -> {
          try {
            start(instance, function, events);
            events.accept(new PoolEvent.Launched(instance.id));
          } catch (RuntimeException e) {
            events.accept(new PoolEvent.LaunchFailed(instance.id, e.getMessage()));
          }
        });
  }

  private void start(
      InstanceProcess instance, FunctionConfig function, Consumer<PoolEvent> events) {
    instance.log = InstanceLog.create(logDirectory.resolve(instance.name() + ".log"));
    HttpLoop.Listener api =
        loop.listen(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            new RuntimeApi(instance.id, events));
    instance.runtimeApi = api;
    ProcessBuilder builder =
        new ProcessBuilder(command(function))
            .directory(taskRoot(function).toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(instance.log.file().toFile()));
    builder.environment().clear();
    builder
        .environment()
        .putAll(
            environment(
                function,
                InetAddress.getLoopbackAddress().getHostAddress() + ":" + api.port(),
                instance));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + java + " for " + instance.name(), e);
    }
    instance.process = process;
    try {
      process.getOutputStream().close(); // nothing to read on stdin, as in Lambda
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "closing the stdin of " + instance, e);
    }
    // The exit is reported after the loop has read what the dead runtime's connections say (an
    // end of stream, or a reset: an event it never read).
    process
        .onExit()
        .whenCompleteAsync(
            (exited, error) ->
                api.probeThen(
                    () -> events.accept(new PoolEvent.Exited(instance.id, process.exitValue()))),
            executor);
  }

  /** The child JVM's command line. */
  List<String> command(FunctionConfig function) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    // What the Lambda Java runtime uses for a quick start: C1 only, serial GC, shared classes.
    command.add("-XX:+TieredCompilation");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-Xshare:auto");
    command.add("-Xmx" + heapMb(function.memoryMb()) + "m");
    if (Runtime.version().feature() >= 22) {
      command.add("--enable-native-access=ALL-UNNAMED");
    }
    command.add("-D" + RuntimeInterfaceClient.JNI_PROPERTY + "=" + ric.jniLibrary());
    // Names the function in `ps` output; nothing reads it (a "fanout." name would trip Quarkus's
    // config validation, which rejects unknown properties under its mapped prefix).
    command.add("-Dlocallambda.function=" + function.name());
    command.add("-cp");
    command.add(
        ric.classPath().stream()
            .map(Path::toString)
            .collect(Collectors.joining(File.pathSeparator)));
    command.add(RuntimeInterfaceClient.MAIN_CLASS);
    command.add(function.handler());
    return command;
  }

  /** Where {@code function}'s code is unpacked; the runtime's working directory. */
  private Path taskRoot(FunctionConfig function) {
    Path root = taskRoots.get(function.name());
    if (root == null) {
      throw new IllegalStateException("no task root for " + function.name());
    }
    return root;
  }

  static int heapMb(int memoryMb) {
    return Math.max(64, (int) (memoryMb * HEAP_SHARE));
  }

  /**
   * The child's whole environment: a few variables of the service's own, then the template's, then
   * the service-level overrides, then Lambda's reserved variables, which nothing overrides.
   */
  Map<String, String> environment(
      FunctionConfig function, String runtimeApi, InstanceProcess instance) {
    return environment(function, runtimeApi, instance, System.getenv());
  }

  /** The same, with {@code own} as the service's environment. */
  Map<String, String> environment(
      FunctionConfig function,
      String runtimeApi,
      InstanceProcess instance,
      Map<String, String> own) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (String name : INHERITED) {
      if (own.containsKey(name)) {
        environment.put(name, own.get(name));
      }
    }
    environment.put("LANG", "en_US.UTF-8");
    environment.put("TZ", ":UTC");
    environment.putAll(function.environment());
    environment.putAll(overrides);
    environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
    environment.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
    environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
    environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    environment.put("AWS_LAMBDA_FUNCTION_TIMEOUT", Long.toString(function.timeout().toSeconds()));
    environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
    environment.put(
        "AWS_LAMBDA_LOG_STREAM_NAME",
        LocalDate.now(ZoneOffset.UTC).toString().replace('-', '/')
            + "/[$LATEST]"
            + instance.name());
    environment.put("AWS_REGION", region);
    environment.put("AWS_DEFAULT_REGION", region);
    environment.putAll(LOCAL_CREDENTIALS);
    // Lambda has no instance-metadata service; nor has a local instance.
    environment.put("AWS_EC2_METADATA_DISABLED", "true");
    environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
    environment.put("LAMBDA_TASK_ROOT", taskRoot(function).toString());
    environment.put("_HANDLER", function.handler());
    return environment;
  }

  /** Closes what the instance held: its Runtime API endpoint and its log file. */
  void release(InstanceProcess instance) {
    HttpLoop.Listener api = instance.runtimeApi;
    if (api != null) {
      api.close();
    }
    InstanceLog log = instance.log;
    if (log != null) {
      log.close();
    }
  }
}
