package dev.fanout.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.measure.LambdaFacts;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.RunSummary;
import dev.fanout.measure.TaskError;
import dev.fanout.measure.TaskRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The comparison as JSON: {@code {"machine":{..},"runs":[..]}}, one run per workload and strategy,
 * each with its task records. Fields are only ever added, never renamed.
 */
public final class JsonReport {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  public static ObjectNode render(List<WorkloadReport> reports, ObjectNode settings) {
    ObjectNode root = MAPPER.createObjectNode();
    root.set("machine", machine());
    root.set("settings", settings);
    ArrayNode runs = root.putArray("runs");
    for (WorkloadReport report : reports) {
      for (RunSummary summary : report.runs()) {
        runs.add(run(report, summary));
      }
    }
    return root;
  }

  /**
   * The machine a report's runs were measured on: cores, Java, operating system, and its load
   * average when the report was written (other work sharing the cores), where the system has one.
   */
  static ObjectNode machine() {
    ObjectNode machine =
        MAPPER
            .createObjectNode()
            .put("cores", Runtime.getRuntime().availableProcessors())
            .put("java", System.getProperty("java.version"))
            .put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    if (load >= 0) {
      machine.put("loadAverage", load);
    }
    return machine;
  }

  /** The same machine, as one line of a page's facts. */
  public static String machineLine() {
    return "machine: %d cores, Java %s, %s %s"
        .formatted(
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"),
            System.getProperty("os.name"),
            System.getProperty("os.arch"));
  }

  public static void write(Path file, ObjectNode document) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      MAPPER.writeValue(file.toFile(), document);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the JSON report to " + file + ": " + e, e);
    }
  }

  private static ObjectNode run(WorkloadReport report, RunSummary summary) {
    RunResult run = summary.run();
    ObjectNode node = MAPPER.createObjectNode();
    node.put("workload", run.workload())
        .put("kind", report.kind().name())
        .put("strategy", run.strategy().label())
        .put("workers", run.workers())
        .put("concurrency", run.concurrency())
        .put("wallMillis", run.wallMillis())
        .put("ok", run.ok())
        .put("failed", run.failed());
    if (summary.speedup() == null) {
      node.putNull("speedup");
    } else {
      node.put("speedup", summary.speedup());
    }
    node.put("efficiency", summary.efficiency()).put("limitMillis", summary.limitMillis());
    if (run.cpuMillis() == null) {
      node.putNull("cpuMillis");
    } else {
      node.put("cpuMillis", run.cpuMillis());
    }
    if (run.coreShare() != null) {
      node.putObject("coreShare")
          .put("oneThread", run.coreShare().oneThread())
          .put("eachOfAllCores", run.coreShare().eachOfAllCores());
    }
    if (run.lambda() != null) {
      node.put("lambdaTarget", run.lambda().target())
          .put("throttles", run.lambda().throttles())
          .put("costUsd", run.lambda().costUsd())
          .put("issueMillis", run.lambda().issueMillis());
    }
    ArrayNode samples = node.putArray("wallSamplesMillis");
    summary.wallSamples().forEach(samples::add);
    ArrayNode startups = node.putArray("startupMillis");
    run.startupMillis().forEach(startups::add);
    ArrayNode tasks = node.putArray("tasks");
    for (TaskRecord task : run.tasks()) {
      tasks.add(task(task));
    }
    return node;
  }

  static ObjectNode task(TaskRecord task) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("index", task.index());
    node.set("input", task.input());
    node.set("output", task.output());
    if (task.error() == null) {
      node.putNull("error");
    } else {
      node.putObject("error")
          .put("type", task.error().type())
          .put("message", task.error().message());
    }
    node.put("lane", task.lane())
        .put("startMillis", task.startMillis())
        .put("endMillis", task.endMillis());
    if (task.cpuMillis() == null) {
      node.putNull("cpuMillis");
    } else {
      node.put("cpuMillis", task.cpuMillis());
    }
    if (task.workerMillis() != null) {
      node.put("workerMillis", task.workerMillis());
    }
    LambdaFacts lambda = task.lambda();
    if (lambda != null) {
      node.put("requestId", lambda.requestId()).put("coldStart", lambda.coldStart());
      putNullable(node, "initMillis", lambda.initMillis());
      putNullable(node, "durationMillis", lambda.durationMillis());
      putNullable(node, "billedMillis", lambda.billedMillis());
      node.put("memorySizeMB", lambda.memorySizeMB()).put("maxMemoryMB", lambda.maxMemoryMB());
      node.put("attempts", lambda.attempts());
    }
    return node;
  }

  /** A task as {@link #task} wrote it, read back. */
  static TaskRecord readTask(JsonNode node) {
    JsonNode error = node.get("error");
    LambdaFacts lambda =
        node.has("requestId")
            ? new LambdaFacts(
                node.get("requestId").asText(),
                node.get("coldStart").asBoolean(),
                nullableDouble(node, "initMillis"),
                nullableDouble(node, "durationMillis"),
                nullableDouble(node, "billedMillis"),
                node.get("memorySizeMB").isNull() ? null : node.get("memorySizeMB").asInt(),
                node.get("maxMemoryMB").isNull() ? null : node.get("maxMemoryMB").asInt(),
                node.get("attempts").asInt())
            : null;
    return new TaskRecord(
        node.get("index").asInt(),
        node.get("input"),
        node.get("output").isNull() ? null : node.get("output"),
        error == null || error.isNull()
            ? null
            : new TaskError(error.get("type").asText(), error.get("message").asText()),
        node.get("lane").asText(),
        node.get("startMillis").asDouble(),
        node.get("endMillis").asDouble(),
        nullableDouble(node, "cpuMillis"),
        lambda,
        nullableDouble(node, "workerMillis"));
  }

  private static Double nullableDouble(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asDouble();
  }

  private static void putNullable(ObjectNode node, String field, Double value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
