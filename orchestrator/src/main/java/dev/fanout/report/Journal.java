package dev.fanout.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskListener;
import dev.fanout.measure.TaskRecord;
import dev.fanout.strategy.kind.StrategyKind;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A run's journal: a JSON-lines file that says what the run is (its header: run id, command line,
 * versions), then each task the moment it ends and each strategy's run once all its tasks ended,
 * every line flushed at once. A crash loses nothing already done, and {@code --resume} reads it
 * back ({@link JournalFile}) to run only what has no outcome.
 */
public final class Journal implements AutoCloseable {
  static final int VERSION = 1;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The journal of a run that has not finished yet, for the message of a failure or a stop. */
  private static final AtomicReference<Unfinished> UNFINISHED = new AtomicReference<>();

  private final BufferedWriter writer;
  private final Path file;

  private Journal(Path file, BufferedWriter writer) {
    this.file = file;
    this.writer = writer;
  }

  /**
   * What a journal's first line says of its run.
   *
   * @param command the command that ran, e.g. {@code compare}
   * @param args the command line after the command, as given
   */
  public record Header(
      String runId,
      String command,
      List<String> args,
      String startedAt,
      String java,
      String fanout) {
    public Header {
      args = List.copyOf(args);
    }
  }

  /** A journal the user can complete with {@code scripts/fanout COMMAND --resume FILE}. */
  public record Unfinished(String command, Path file) {
    /** The command line that completes the run. */
    public String resumeCommand() {
      return "scripts/fanout " + command + " --resume " + file;
    }
  }

  /**
   * Starts the journal of a new run in {@code file}, creating it and its directory.
   *
   * @throws IllegalArgumentException when the file holds something already: another run's journal
   *     is completed with --resume, never appended to
   */
  public static Journal start(Path file, Header header) {
    try {
      if (Files.isRegularFile(file) && Files.size(file) > 0) {
        throw new IllegalArgumentException(
            "--journal "
                + file
                + " already holds a run's journal: complete that run with scripts/fanout "
                + header.command()
                + " --resume "
                + file
                + ", or give another file");
      }
      Journal journal = open(file, header.command());
      ObjectNode line = MAPPER.createObjectNode().put("journal", VERSION);
      line.setAll((ObjectNode) MAPPER.valueToTree(header));
      journal.write(line);
      return journal;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the journal " + file + ": " + e, e);
    }
  }

  /** Goes on appending to the journal {@code resumed} was read from. */
  public static Journal resume(JournalFile resumed) {
    return open(resumed.file(), resumed.header().command());
  }

  private static Journal open(Path file, String command) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Journal journal =
          new Journal(
              file,
              Files.newBufferedWriter(
                  file,
                  StandardCharsets.UTF_8,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.APPEND));
      UNFINISHED.set(new Unfinished(command, file.toAbsolutePath()));
      return journal;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the journal " + file + ": " + e, e);
    }
  }

  /** The journal of this process's run while it has not finished; null when there is none. */
  public static Unfinished unfinished() {
    return UNFINISHED.get();
  }

  /** The run finished: its journal no longer needs completing. */
  public static void finished() {
    UNFINISHED.set(null);
  }

  /** The unfinished journal, once: whoever tells the user of it takes it. */
  public static Unfinished takeUnfinished() {
    return UNFINISHED.getAndSet(null);
  }

  public Path file() {
    return file;
  }

  /** A listener that journals the tasks of one workload's run under one strategy. */
  public TaskListener listener(String workload, StrategyKind strategy, int repeat) {
    return record -> task(workload, strategy, repeat, record);
  }

  private void task(String workload, StrategyKind strategy, int repeat, TaskRecord task) {
    ObjectNode line = key("task", workload, strategy, repeat);
    line.setAll(JsonReport.task(task));
    write(line);
  }

  /** A strategy's run ended, all its tasks journalled: what the run measured beside its tasks. */
  public void ran(int repeat, RunResult run) {
    ObjectNode line = key("run", run.workload(), run.strategy(), repeat);
    line.put("workers", run.workers())
        .put("concurrency", run.concurrency())
        .put("wallMillis", run.wallMillis());
    line.set("startupMillis", MAPPER.valueToTree(run.startupMillis()));
    line.set("lambda", MAPPER.valueToTree(run.lambda()));
    write(line);
  }

  private static ObjectNode key(String type, String workload, StrategyKind strategy, int repeat) {
    return MAPPER
        .createObjectNode()
        .put("type", type)
        .put("workload", workload)
        .put("strategy", strategy.label())
        .put("repeat", repeat);
  }

  private synchronized void write(ObjectNode line) {
    try {
      writer.write(line.toString());
      writer.newLine();
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the journal " + file + ": " + e, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the journal " + file + ": " + e, e);
    }
  }
}
