package dev.fanout.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/**
 * Appends each finished task to a JSON-lines file as it finishes, flushed at once, so that a crash
 * or an interrupted comparison loses nothing already done.
 */
public final class Journal implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final BufferedWriter writer;
  private final Path file;

  private Journal(Path file, BufferedWriter writer) {
    this.file = file;
    this.writer = writer;
  }

  /** Opens {@code file} for appending, creating it and its directory if needed. */
  public static Journal open(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return new Journal(
          file,
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the journal " + file + ": " + e, e);
    }
  }

  /** A listener that journals the tasks of one workload's run under one strategy. */
  public TaskListener listener(String workload, StrategyKind strategy, int repeat) {
    return record -> append(workload, strategy, repeat, record);
  }

  private synchronized void append(
      String workload, StrategyKind strategy, int repeat, TaskRecord task) {
    ObjectNode line = MAPPER.createObjectNode();
    line.put("workload", workload).put("strategy", strategy.label()).put("repeat", repeat);
    line.setAll(JsonReport.task(task));
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
