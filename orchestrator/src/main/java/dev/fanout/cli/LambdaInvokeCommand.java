package dev.fanout.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.engine.LocalInvoke;
import dev.fanout.engine.OwnFunctions;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
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
        new ArrayList<>(
            LocalLambdaService.functionsOf(files.template(), served.parameters, served.region));
    functions.addAll(served.ownFunctions(files.template()));
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
    LocalInvoke.Answer answer;
    try (StandIns standIns = StandIns.start()) {
      answer =
          LocalInvoke.invoke(
              files.options(served, standIns),
              name,
              payload,
              endpoint -> {
                err.println("fanout: invoking " + name + " on " + endpoint + "...");
                err.flush();
              });
    } catch (ExecutionException e) {
      err.println("fanout: cannot invoke " + name + ": " + e.getCause());
      return FanoutMain.TASKS_FAILED;
    }
    err.print(
        answer.log() != null
            ? answer.log()
            : "(no log arrived for request " + answer.requestId() + ")\n");
    err.flush();
    out.println(answer.payload());
    out.flush();
    if (answer.failed()) {
      err.println("fanout: " + name + " failed: " + functionError(answer.payload()));
      err.flush();
      return FanoutMain.TASKS_FAILED;
    }
    return FanoutMain.OK;
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
        .filter(function -> given.equals(unitOf(function)))
        .map(FunctionConfig::name)
        .findFirst();
  }

  /** The unit a function runs: its handler's, or the generic handler's FANOUT_UNIT. */
  private static String unitOf(FunctionConfig function) {
    String unit = function.environment().get(OwnFunctions.UNIT_VARIABLE);
    return unit != null ? unit : function.environment().get(HANDLER_VARIABLE);
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
    String unit = unitOf(function);
    return unit == null ? function.name() : function.name() + " (" + unit + ")";
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
