package dev.fanout.cli;

import dev.fanout.engine.LabSettings;
import dev.fanout.engine.ProjectFiles;
import dev.fanout.report.Journal;
import dev.fanout.report.JournalFile;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** --journal and --resume: where a run is journalled, and the journal of a run to complete. */
final class JournalOptions {
  @Option(
      names = "--journal",
      paramLabel = "FILE",
      description =
          "Journal the run in FILE (JSON lines): a header, then each task the moment it ends, so"
              + " that a run cut short keeps what it did and --resume completes it (default for"
              + " compare, run and a safe bank: .fanout/runs/COMMAND-TIME.jsonl in the project). A"
              + " file that holds a run already is refused.")
  Path journal;

  @Option(
      names = "--resume",
      paramLabel = "FILE",
      description =
          "Complete the run journalled in FILE, cut short by a crash, a kill or Ctrl-C: its own"
              + " command line and settings, only the tasks with no outcome run, and the reports"
              + " an uninterrupted run would write (marked resumed). Give it alone, e.g."
              + " scripts/fanout compare --resume FILE.")
  Path resume;

  /** The journal --resume read; null for a new run. */
  private JournalFile resumed;

  /**
   * Checks --journal, and reads the journal of --resume, which must come alone: the rest of the
   * command line is the journal's own.
   */
  void validate(CommandSpec command) {
    if (journal != null) {
      OptionChecks.writable("--journal", journal);
    }
    if (resume == null) {
      return;
    }
    resumed = JournalFile.read(resume);
    List<String> given = new ArrayList<>(command.commandLine().getParseResult().originalArgs());
    int at = given.indexOf("--resume");
    if (at >= 0 && at + 1 < given.size()) {
      given.subList(at, at + 2).clear();
    }
    if (!given.equals(resumed.header().args())) {
      throw new IllegalArgumentException(
          "--resume takes the run's command line from its journal: give it alone, e.g."
              + " scripts/fanout "
              + resumed.header().command()
              + " --resume "
              + resume);
    }
  }

  /**
   * The run's journal: the one --resume read, else a new one in --journal's file or, when {@code
   * byDefault}, in the project's {@code .fanout/runs}; null for none.
   */
  LabSettings.Journaling journaling(CommandSpec command, boolean byDefault) {
    if (resumed != null) {
      return LabSettings.Journaling.resume(resumed);
    }
    if (journal == null && !byDefault) {
      return null;
    }
    Path file =
        journal != null
            ? journal
            : Reports.defaultFile(
                ProjectFiles.root().orElse(Path.of("").toAbsolutePath()),
                "runs",
                command.name(),
                ".jsonl",
                LocalDateTime.now());
    List<String> args = command.commandLine().getParseResult().originalArgs();
    return LabSettings.Journaling.start(
        file,
        new Journal.Header(
            UUID.randomUUID().toString(),
            command.name(),
            args,
            Instant.now().toString(),
            Runtime.version().toString(),
            Objects.requireNonNullElse(
                JournalOptions.class.getPackage().getImplementationVersion(), "development")));
  }

  /** The journal this run completes; null for a new run. */
  JournalFile resumed() {
    return resumed;
  }
}
