package dev.fanout.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskRecord;
import dev.fanout.strategy.kind.StrategyKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A run's journal read back, for {@code --resume}: its header, the outcome of each task that ended
 * (by workload, strategy, repeat and index) and each strategy run that ended whole. A last line cut
 * short by a crash is left out; any other line that is not a journal line is refused.
 */
public final class JournalFile {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Which run of a workload a line belongs to. */
  public record RunKey(String workload, StrategyKind strategy, int repeat) {}

  private final Path file;
  private final Journal.Header header;
  private final Map<RunKey, Map<Integer, TaskRecord>> tasks;
  private final Map<RunKey, JsonNode> runs;

  private JournalFile(
      Path file,
      Journal.Header header,
      Map<RunKey, Map<Integer, TaskRecord>> tasks,
      Map<RunKey, JsonNode> runs) {
    this.file = file;
    this.header = header;
    this.tasks = tasks;
    this.runs = runs;
  }

  /**
   * Reads the journal at {@code file}.
   *
   * @throws IllegalArgumentException when there is no file, or it is not a journal fanout wrote
   */
  public static JournalFile read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("--resume: no journal at " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the journal " + file + ": " + e, e);
    }
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("--resume: " + file + " is empty, not a run's journal");
    }
    Journal.Header header = header(file, lines.getFirst());
    Map<RunKey, Map<Integer, TaskRecord>> tasks = new HashMap<>();
    Map<RunKey, JsonNode> runs = new HashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      JsonNode line;
      try {
        line = MAPPER.readTree(lines.get(i));
      } catch (JsonProcessingException e) {
        if (i == lines.size() - 1) {
          break; // cut short by the crash the journal is resumed from
        }
        throw new IllegalArgumentException(
            "--resume: line " + (i + 1) + " of " + file + " is not JSON: the journal is damaged");
      }
      RunKey key =
          new RunKey(
              line.path("workload").asText(),
              StrategyKind.of(line.path("strategy").asText()),
              line.path("repeat").asInt());
      switch (line.path("type").asText()) {
        case "task" -> {
          TaskRecord task = JsonReport.readTask(line);
          tasks.computeIfAbsent(key, k -> new TreeMap<>()).putIfAbsent(task.index(), task);
        }
        case "run" -> runs.put(key, line);
        default ->
            throw new IllegalArgumentException(
                "--resume: line " + (i + 1) + " of " + file + " is not a task or a run");
      }
    }
    return new JournalFile(file, header, tasks, runs);
  }

  /**
   * The header of the journal at {@code file}, its first line alone: which command to run again.
   *
   * @throws IllegalArgumentException when there is no file, or it is not a journal fanout wrote
   */
  public static Journal.Header readHeader(Path file) {
    String first;
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      first = lines.findFirst().orElse(null);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("--resume: no journal at " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the journal " + file + ": " + e, e);
    }
    if (first == null) {
      throw new IllegalArgumentException("--resume: " + file + " is empty, not a run's journal");
    }
    return header(file, first);
  }

  private static Journal.Header header(Path file, String first) {
    try {
      JsonNode line = MAPPER.readTree(first);
      if (line == null || line.path("journal").asInt() != Journal.VERSION) {
        throw new IllegalArgumentException(
            "--resume: " + file + " is not a run's journal (its first line says no run)");
      }
      return new Journal.Header(
          line.path("runId").asText(),
          line.path("command").asText(),
          MAPPER.convertValue(
              line.path("args"),
              MAPPER.getTypeFactory().constructCollectionType(List.class, String.class)),
          line.path("startedAt").asText(),
          line.path("java").asText(),
          line.path("fanout").asText());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "--resume: " + file + " is not a run's journal (its first line is not JSON)");
    }
  }

  public Path file() {
    return file;
  }

  public Journal.Header header() {
    return header;
  }

  /** The tasks of {@code key} that ended, by index; empty when none did. */
  public Map<Integer, TaskRecord> tasks(RunKey key) {
    return tasks.getOrDefault(key, Map.of());
  }

  /** The run of {@code key} when it ended whole: its tasks and what it measured. */
  public Optional<RunResult> run(RunKey key) {
    JsonNode line = runs.get(key);
    if (line == null) {
      return Optional.empty();
    }
    List<Double> startups = new ArrayList<>();
    line.path("startupMillis").forEach(value -> startups.add(value.asDouble()));
    JsonNode lambda = line.path("lambda");
    List<TaskRecord> ended =
        tasks(key).values().stream().sorted(Comparator.comparingInt(TaskRecord::index)).toList();
    return Optional.of(
        new RunResult(
            key.workload(),
            key.strategy(),
            line.path("workers").asInt(),
            line.path("concurrency").asInt(),
            line.path("wallMillis").asDouble(),
            startups,
            ended,
            lambda.isMissingNode() || lambda.isNull()
                ? null
                : new RunResult.LambdaRun(
                    lambda.path("target").asText(),
                    lambda.path("throttles").asInt(),
                    lambda.path("costUsd").asDouble(),
                    lambda.path("issueMillis").asDouble())));
  }

  /** How many tasks the journal holds an outcome of. */
  public int taskCount() {
    return tasks.values().stream().mapToInt(Map::size).sum();
  }
}
