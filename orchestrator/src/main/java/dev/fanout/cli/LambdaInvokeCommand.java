package dev.fanout.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.cloud.Invocation;
import dev.fanout.cloud.LambdaInvoker;
import dev.fanout.cloud.LambdaTarget;
import dev.fanout.engine.StandIns;
import dev.fanout.localcloud.lambda.FunctionConfig;
import dev.fanout.localcloud.lambda.LocalLambdaService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fanout lambda invoke}: one event to one function, as {@code sam local invoke} does it: the
 * local Lambda service and the stand-ins started for it, the answer printed, everything stopped.
 */
@Command(
    name = "invoke",
    mixinStandardHelpOptions = true,
    description = {
      "Invokes one function of template.yaml once on the local Lambda service (started for it,"
          + " with the origin and DynamoDB stand-ins that 'lambda serve' starts), like 'sam local"
          + " invoke' without Docker. The response goes to standard output; the function's log,"
          + " ending with its REPORT line, to standard error.",
      "Exit code 0 when the function answered, 1 on a function error (its errorType and message"
          + " are printed), 2 on bad usage."
    })
final class LambdaInvokeCommand implements Callable<Integer> {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final String HANDLER_VARIABLE = "QUARKUS_LAMBDA_HANDLER";

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "FUNCTION",
      description =
          "The function: its logical id in the template (FibFunction) or its handler (fib).")
  String function;

  @ArgGroup(exclusive = true)
  Event event;

  @Mixin ServedFunctions served;

  /** The event: a file or the payload itself; {@code {}} when neither is given, as sam does. */
  static final class Event {
    @Option(
        names = {"--event", "-e"},
        paramLabel = "FILE",
        description = "The event, a JSON file (e.g. events/fib.json); - for standard input.")
    String file;

    @Option(
        names = "--payload",
        paramLabel = "JSON",
        description = "The event itself, e.g. '{\"n\": 30}'.")
    String payload;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String payload = payload();
    ServedFunctions.Located files = served.located(err);
    if (files == null) {
      return FanoutMain.USAGE;
    }
    List<FunctionConfig> functions =
        LocalLambdaService.functionsOf(files.template(), served.parameters, served.region);
    String name =
        named(functions, function)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no function '"
                            + function
                            + "' in "
                            + files.template()
                            + "; the functions are "
                            + String.join(
                                ", ",
                                functions.stream().map(LambdaInvokeCommand::label).toList())));
    Map<String, String> logs = new ConcurrentHashMap<>();
    try (StandIns standIns = StandIns.start();
        LocalLambdaService service =
            LocalLambdaService.start(
                files
                    .options(served, standIns)
                    .port(0)
                    .sqsPort(0)
                    .maxInstancesPerFunction(1)
                    .logListener(log -> logs.put(requestId(log), log))
                    .build())) {
      err.println("fanout: invoking " + name + " on " + service.endpoint() + "...");
      err.flush();
      Invocation invocation;
      try {
        invocation = invoke(service, name, payload);
      } catch (ExecutionException e) {
        err.println(
            "fanout: cannot invoke " + name + " on " + service.endpoint() + ": " + e.getCause());
        return FanoutMain.TASKS_FAILED;
      }
      String log = logs.get(invocation.requestId());
      err.print(
          log != null ? log : "(no log arrived for request " + invocation.requestId() + ")\n");
      err.flush();
      out.println(invocation.payload());
      out.flush();
      if (invocation.functionError() != null) {
        err.println("fanout: " + name + " failed: " + functionError(invocation.payload()));
        err.flush();
        return FanoutMain.TASKS_FAILED;
      }
      return FanoutMain.OK;
    }
  }

  /**
   * The function's logical id for {@code given}, a logical id or a handler's name (the value of
   * QUARKUS_LAMBDA_HANDLER), when the template has it.
   */
  static Optional<String> named(List<FunctionConfig> functions, String given) {
    for (FunctionConfig function : functions) {
      if (function.name().equals(given)) {
        return Optional.of(function.name());
      }
    }
    return functions.stream()
        .filter(function -> given.equals(function.environment().get(HANDLER_VARIABLE)))
        .map(FunctionConfig::name)
        .findFirst();
  }

  /** {@code errorType: errorMessage} from Lambda's error object, or the payload as it is. */
  static String functionError(String payload) {
    try {
      JsonNode error = JSON.readTree(payload);
      if (error != null && error.hasNonNull("errorType")) {
        return error.get("errorType").asText() + ": " + error.path("errorMessage").asText();
      }
    } catch (JsonProcessingException e) {
      // Not Lambda's error object: the payload itself says what there is to say.
    }
    return payload;
  }

  private static String label(FunctionConfig function) {
    String handler = function.environment().get(HANDLER_VARIABLE);
    return handler == null ? function.name() : function.name() + " (" + handler + ")";
  }

  /** The request id of a log, from its START line; "" when it has none. */
  private static String requestId(String log) {
    int at = log.indexOf("START RequestId: ");
    if (at < 0) {
      return "";
    }
    int from = at + "START RequestId: ".length();
    int end = from;
    while (end < log.length() && !Character.isWhitespace(log.charAt(end))) {
      end++;
    }
    return log.substring(from, end);
  }

  /**
   * @throws ExecutionException when the service did not answer (a function error is an answer)
   */
  private Invocation invoke(LocalLambdaService service, String name, String payload)
      throws InterruptedException, ExecutionException {
    LambdaTarget target =
        new LambdaTarget(service.endpoint(), served.region, true, "local Lambda service", false);
    ExecutorService callbacks =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("lambda-invoke").daemon(true).factory());
    try (LambdaInvoker invoker =
        LambdaInvoker.create(target, 1, callbacks, Duration.ofSeconds(30), System::nanoTime)) {
      return invoker.invoke(name, payload, new AtomicInteger()).get();
    } finally {
      callbacks.shutdownNow();
    }
  }

  /** The event, checked to be one JSON value as Lambda requires. */
  private String payload() {
    String option = "--payload";
    String text = "{}";
    if (event != null && event.payload != null) {
      text = event.payload;
    } else if (event != null && event.file != null) {
      option = "--event";
      text = read(event.file);
    }
    try {
      if (JSON.readTree(text).isMissingNode()) {
        throw new IllegalArgumentException(option + ": the event is empty; give a JSON value");
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          option
              + ": the event is not JSON ("
              + e.getOriginalMessage().lines().findFirst().orElse("")
              + ")");
    }
    return text;
  }

  private static String read(String file) {
    try {
      if (file.equals("-")) {
        return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
      }
      return Files.readString(Path.of(file));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("--event: no file at " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the event " + file, e);
    }
  }
}
