package dev.fanout.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
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

  /**
   * Writes the comparison to {@code file} as it goes, {@code {"machine":..,"settings":..,
   * "runs":[..]}}, one run per workload and strategy with its tasks: streamed, never held whole
   * (100,000 tasks come to 28 MB of JSON, several times that as a tree).
   */
  public static void write(Path file, List<WorkloadReport> reports, ObjectNode settings) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (JsonGenerator json = MAPPER.createGenerator(Files.newOutputStream(file))) {
        SerializerProvider nodes = MAPPER.getSerializerProviderInstance();
        json.writeStartObject();
        json.writeObjectField("machine", machine());
        json.writeObjectField("settings", settings);
        json.writeArrayFieldStart("runs");
        for (WorkloadReport report : reports) {
          for (RunSummary summary : report.runs()) {
            run(json, nodes, report, summary);
          }
        }
        json.writeEndArray();
        json.writeEndObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the JSON report to " + file + ": " + e, e);
    }
  }

  private static void run(
      JsonGenerator json, SerializerProvider nodes, WorkloadReport report, RunSummary summary)
      throws IOException {
    RunResult run = summary.run();
    json.writeStartObject();
    json.writeStringField("workload", run.workload());
    json.writeStringField("kind", report.kind().name());
    json.writeStringField("strategy", run.strategy().label());
    json.writeNumberField("workers", run.workers());
    json.writeNumberField("concurrency", run.concurrency());
    json.writeNumberField("wallMillis", run.wallMillis());
    json.writeNumberField("ok", run.ok());
    json.writeNumberField("failed", run.failed());
    nullable(json, "speedup", summary.speedup());
    nullable(json, "efficiency", summary.efficiency());
    nullable(json, "limitMillis", summary.limitMillis());
    nullable(json, "cpuMillis", run.cpuMillis());
    nullable(json, "overheadMillisPerTask", summary.overheadMillisPerTask());
    if (run.coreShare() != null) {
      json.writeObjectFieldStart("coreShare");
      json.writeNumberField("oneThread", run.coreShare().oneThread());
      json.writeNumberField("eachOfAllCores", run.coreShare().eachOfAllCores());
      json.writeEndObject();
    }
    if (run.lambda() != null) {
      json.writeStringField("lambdaTarget", run.lambda().target());
      json.writeNumberField("throttles", run.lambda().throttles());
      json.writeNumberField("costUsd", run.lambda().costUsd());
      json.writeNumberField("issueMillis", run.lambda().issueMillis());
    }
    json.writeArrayFieldStart("wallSamplesMillis");
    for (double wall : summary.wallSamples()) {
      json.writeNumber(wall);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("startupMillis");
    for (double startup : run.startupMillis()) {
      json.writeNumber(startup);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("tasks");
    for (TaskRecord task : run.tasks()) {
      json.writeStartObject();
      writeTaskFields(json, nodes, task);
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  /**
   * A task's fields, as the report's {@code tasks} and the journal's task lines hold them, into the
   * object {@code json} has open.
   *
   * @param nodes serializes the input and output: one for many tasks, as writing a tree through the
   *     generator makes one each time (half the time of a report of 100,000 tasks)
   */
  static void writeTaskFields(JsonGenerator json, SerializerProvider nodes, TaskRecord task)
      throws IOException {
    json.writeNumberField("index", task.index());
    json.writeFieldName("input");
    node(json, nodes, task.input());
    json.writeFieldName("output");
    node(json, nodes, task.output());
    if (task.error() == null) {
      json.writeNullField("error");
    } else {
      json.writeObjectFieldStart("error");
      json.writeStringField("type", task.error().type());
      json.writeStringField("message", task.error().message());
      json.writeEndObject();
    }
    json.writeStringField("lane", task.lane());
    json.writeNumberField("startMillis", task.startMillis());
    json.writeNumberField("endMillis", task.endMillis());
    nullable(json, "cpuMillis", task.cpuMillis());
    if (task.workerMillis() != null) {
      json.writeNumberField("workerMillis", task.workerMillis());
    }
    LambdaFacts lambda = task.lambda();
    if (lambda != null) {
      json.writeStringField("requestId", lambda.requestId());
      json.writeBooleanField("coldStart", lambda.coldStart());
      nullable(json, "initMillis", lambda.initMillis());
      nullable(json, "durationMillis", lambda.durationMillis());
      nullable(json, "billedMillis", lambda.billedMillis());
      nullable(json, "memorySizeMB", lambda.memorySizeMB());
      nullable(json, "maxMemoryMB", lambda.maxMemoryMB());
      json.writeNumberField("attempts", lambda.attempts());
    }
  }

  /** A task as {@link #writeTaskFields} wrote it, read back. */
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

  private static void node(JsonGenerator json, SerializerProvider nodes, JsonNode node)
      throws IOException {
    if (node == null) {
      json.writeNull();
    } else {
      node.serialize(json, nodes);
    }
  }

  private static void nullable(JsonGenerator json, String field, Double value) throws IOException {
    if (value == null) {
      json.writeNullField(field);
    } else {
      json.writeNumberField(field, value);
    }
  }

  private static void nullable(JsonGenerator json, String field, Integer value) throws IOException {
    if (value == null) {
      json.writeNullField(field);
    } else {
      json.writeNumberField(field, value);
    }
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
