package dev.fanout.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fanout} command line. */
@Command(
    name = "fanout",
    mixinStandardHelpOptions = true,
    version = "fanout 0.1.0",
    description = {
      "A Java concurrency lab: the same units of work run sequentially, on threads, on one event"
          + " loop, on virtual threads, on worker JVMs and as Lambda functions, measured side by"
          + " side."
    },
    subcommands = {
      CompareCommand.class,
      RunCommand.class,
      AdviseCommand.class,
      OriginCommand.class,
      LambdaCommand.class,
      BankCommand.class,
      LunchCommand.class,
      ForecastCommand.class,
      CommandLine.HelpCommand.class
    })
public final class FanoutMain implements Runnable {
  /** Exit codes: every task ok, some task failed, bad usage. */
  public static final int OK = 0;

  public static final int TASKS_FAILED = 1;
  public static final int USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, also used by tests to run commands in-process. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new FanoutMain());
    commandLine.setExitCodeExceptionMapper(error -> USAGE);
    commandLine.setParameterExceptionHandler(FanoutMain::badUsage);
    commandLine.getSubcommands().values().stream()
        .filter(StrategyKinds::takenBy)
        .forEach(StrategyKinds::describeIn);
    commandLine.setExecutionExceptionHandler(
        (error, cmd, parseResult) -> {
          if (error instanceof IllegalArgumentException) {
            cmd.getErr().println("fanout: " + error.getMessage());
            return USAGE;
          }
          throw error;
        });
    return commandLine;
  }

  /**
   * Bad usage in one line that names the option and the problem (with picocli's suggestion for a
   * mistyped option) and the command that shows the usage, rather than the message followed by the
   * whole usage help.
   */
  private static int badUsage(CommandLine.ParameterException error, String[] args) {
    CommandLine command = error.getCommandLine();
    String message =
        error
            .getMessage()
            .replaceFirst("^Error: ", "")
            .replace("option option", "option")
            .replaceAll("\\s*\\R\\s*", " ");
    if (error instanceof CommandLine.UnmatchedArgumentException unmatched
        && !unmatched.getSuggestions().isEmpty()) {
      message += "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
    }
    command.getErr().println("fanout: " + message + "; try: " + helpFor(command.getCommandSpec()));
    command.getErr().flush();
    return USAGE;
  }

  /** The command that shows {@code spec}'s usage, e.g. {@code scripts/fanout help run}. */
  static String helpFor(CommandLine.Model.CommandSpec spec) {
    CommandLine.Model.CommandSpec parent = spec.parent();
    return parent == null
        ? "scripts/fanout help"
        : "scripts/" + parent.qualifiedName() + " help " + spec.name();
  }

  @Override
  public void run() {
    List<String> commands =
        spec.subcommands().keySet().stream().filter(name -> !name.equals("help")).toList();
    throw new CommandLine.ParameterException(
        spec.commandLine(), "name a command: " + String.join(", ", commands));
  }
}
