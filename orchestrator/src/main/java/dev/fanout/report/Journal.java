package dev.fanout.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskListener;
import dev.fanout.measure.TaskRecord;
import dev.fanout.strategy.kind.StrategyKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A run's journal: a JSON-lines file that says what the run is (its header: run id, command line,
 * versions), then each task the moment it ends and each strategy's run once all its tasks ended,
 * every line written to the file at once. A crash loses nothing already done, and {@code --resume}
 * reads it back ({@link JournalFile}) to run only what has no outcome.
 *
 * <p>Lines that come at once are written together: a task's thread appends its line and goes on,
 * while one thread at a time writes out everything appended so far (a group commit). A lock held
 * across each line's write made 100,000 virtual threads queue on it, each parked with its stack.
 */
public final class Journal implements AutoCloseable {
  static final int VERSION = 1;

  /**
   * Its buffers come from a pool that all threads share: Jackson's default keeps them per thread,
   * and a virtual thread per task would allocate new ones for every line.
   */
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
              .build());

  /** Past this much appended and not yet written, appending waits for the writer. */
  private static final int MAX_PENDING_BYTES = 4 << 20;

  /** The journal of a run that has not finished yet, for the message of a failure or a stop. */
  private static final AtomicReference<Unfinished> UNFINISHED = new AtomicReference<>();

  private final OutputStream out;
  private final Path file;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition written = lock.newCondition();
  private ByteArrayOutputStream pending = new ByteArrayOutputStream(); // guarded by lock
  private boolean writing; // guarded by lock: some thread is writing the pending lines out

  private Journal(Path file, OutputStream out) {
    this.file = file;
    this.out = out;
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
      journal.append(line);
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
              Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
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

  /** A task's line, made on the task's own thread and streamed: no tree per task. */
  private void task(String workload, StrategyKind strategy, int repeat, TaskRecord task) {
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    try (JsonGenerator json = MAPPER.createGenerator(line)) {
      json.writeStartObject();
      json.writeStringField("type", "task");
      json.writeStringField("workload", workload);
      json.writeStringField("strategy", strategy.label());
      json.writeNumberField("repeat", repeat);
      JsonReport.writeTaskFields(json, MAPPER.getSerializerProviderInstance(), task);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a task's journal line: " + e, e);
    }
    line.write('\n');
    append(line.toByteArray());
  }

  /** A strategy's run ended, all its tasks journalled: what the run measured beside its tasks. */
  public void ran(int repeat, RunResult run) {
    ObjectNode line = key("run", run.workload(), run.strategy(), repeat);
    line.put("workers", run.workers())
        .put("concurrency", run.concurrency())
        .put("wallMillis", run.wallMillis());
    line.set("startupMillis", MAPPER.valueToTree(run.startupMillis()));
    line.set("lambda", MAPPER.valueToTree(run.lambda()));
    append(line);
  }

  private static ObjectNode key(String type, String workload, StrategyKind strategy, int repeat) {
    return MAPPER
        .createObjectNode()
        .put("type", type)
        .put("workload", workload)
        .put("strategy", strategy.label())
        .put("repeat", repeat);
  }

  private void append(ObjectNode line) {
    append((line.toString() + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Appends a line; unless another thread is writing (it takes this line with its next batch), this
   * one writes out every line pending, its own and those appended meanwhile, until none is left.
   */
  private void append(byte[] line) {
    lock.lock();
    try {
      while (writing && pending.size() >= MAX_PENDING_BYTES) {
        written.awaitUninterruptibly();
      }
      pending.writeBytes(line);
      if (writing) {
        return;
      }
      writing = true;
    } finally {
      lock.unlock();
    }
    writePending();
  }

  private void writePending() {
    while (true) {
      ByteArrayOutputStream batch;
      lock.lock();
      try {
        written.signalAll();
        if (pending.size() == 0) {
          writing = false;
          return;
        }
        batch = pending;
        pending = new ByteArrayOutputStream(Math.max(256, batch.size()));
      } finally {
        lock.unlock();
      }
      try {
        batch.writeTo(out);
        out.flush();
      } catch (IOException e) {
        lock.lock();
        try {
          writing = false;
          written.signalAll();
        } finally {
          lock.unlock();
        }
        throw new UncheckedIOException("cannot append to the journal " + file + ": " + e, e);
      }
    }
  }

  /** Waits for the lines being written, then closes the file. */
  @Override
  public void close() {
    lock.lock();
    try {
      while (writing) {
        written.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the journal " + file + ": " + e, e);
    }
  }
}
