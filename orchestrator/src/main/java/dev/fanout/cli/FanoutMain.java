package dev.fanout.cli;

import dev.fanout.report.Journal;
import dev.fanout.report.JournalFile;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
  /** Exit codes: every task ok, some task failed, bad usage, an unexpected failure. */
  public static final int OK = 0;

  public static final int TASKS_FAILED = 1;
  public static final int USAGE = 2;

  /** Something went wrong that is no fault of the command line: a bug, or a broken machine. */
  public static final int FAILED = 3;

  @Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "On an unexpected failure, print its stack trace too.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Ctrl-C or a kill: say where the journal is and how to complete the run.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  Journal.Unfinished journal = Journal.takeUnfinished();
                  if (journal != null) {
                    System.err.println(
                        "fanout: stopped; the journal keeps what finished: "
                            + journal.resumeCommand());
                  }
                },
                "journal-hint"));
    System.exit(execute(commandLine(), args));
  }

  /**
   * Runs {@code args} on {@code commandLine}; {@code COMMAND --resume FILE} runs the journal's own
   * command line with {@code --resume FILE}, so that the run completes with the settings it began
   * with.
   */
  public static int execute(CommandLine commandLine, String... args) {
    String resume =
        args.length == 3 && args[1].equals("--resume")
            ? args[2]
            : args.length == 2 && args[1].startsWith("--resume=")
                ? args[1].substring("--resume=".length())
                : null;
    if (resume != null) {
      Journal.Header journal;
      try {
        journal = JournalFile.readHeader(Path.of(resume));
      } catch (IllegalArgumentException e) {
        commandLine.getErr().println("fanout: " + e.getMessage());
        commandLine.getErr().flush();
        return USAGE;
      }
      if (!journal.command().equals(args[0])) {
        commandLine
            .getErr()
            .println(
                "fanout: --resume: "
                    + resume
                    + " is the journal of a '"
                    + journal.command()
                    + "' run: complete it with scripts/fanout "
                    + journal.command()
                    + " --resume "
                    + resume);
        commandLine.getErr().flush();
        return USAGE;
      }
      List<String> resumed = new ArrayList<>(journal.args());
      resumed.add("--resume");
      resumed.add(resume);
      return commandLine.execute(resumed.toArray(String[]::new));
    }
    return commandLine.execute(args);
  }

  /** The configured command line, also used by tests to run commands in-process. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new FanoutMain());
    commandLine.setExitCodeExceptionMapper(error -> USAGE);
    commandLine.setParameterExceptionHandler(FanoutMain::badUsage);
    commandLine.getSubcommands().values().stream()
        .filter(StrategyKinds::takenBy)
        .forEach(StrategyKinds::describeIn);
    commandLine.setExecutionExceptionHandler(FanoutMain::failed);
    return commandLine;
  }

  /**
   * A command that threw: bad usage found while running (exit 2: one line), a port someone else
   * holds (exit 2: one line saying to pick another), anything else exit 3 with one line, and its
   * stack trace only with {@code --verbose}.
   */
  static int failed(Exception error, CommandLine command, CommandLine.ParseResult parseResult) {
    PrintWriter err = command.getErr();
    if (error instanceof IllegalArgumentException) {
      err.println("fanout: " + error.getMessage());
      return USAGE;
    }
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof BindException) {
        err.println("fanout: " + (error.getMessage() == null ? cause : error.getMessage()));
        return USAGE;
      }
    }
    boolean verbose = verbose(parseResult);
    Journal.Unfinished journal = Journal.takeUnfinished();
    err.println(
        "fanout: failed: "
            + error
            + (verbose ? "" : " (run again with --verbose for the stack trace)")
            + (journal == null
                ? ""
                : "; the journal keeps what finished: " + journal.resumeCommand()));
    if (verbose) {
      error.printStackTrace(err);
    }
    err.flush();
    return FAILED;
  }

  private static boolean verbose(CommandLine.ParseResult parseResult) {
    for (CommandLine.ParseResult level = parseResult; level != null; level = level.subcommand()) {
      if (level.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
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
