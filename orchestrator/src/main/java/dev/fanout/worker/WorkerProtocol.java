package dev.fanout.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.measure.TaskError;

/**
 * The line protocol between the orchestrator and a worker JVM: one JSON object per line. The worker
 * says {@code {"ready":true,"pid":N}} once, then answers each request line with one reply line.
 */
public final class WorkerProtocol {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private WorkerProtocol() {}

  /** A task for the worker. */
  public record Request(int index, String unit, JsonNode input) {}

  /** The worker's answer: output or error, and the CPU time its thread spent on the task. */
  public record Reply(int index, JsonNode output, TaskError error, Double cpuMillis) {}

  public static String readyLine(long pid) {
    return MAPPER.createObjectNode().put("ready", true).put("pid", pid).toString();
  }

  /** The pid in a ready line, or -1 when the line is not one. */
  public static long parseReady(String line) {
    try {
      JsonNode node = MAPPER.readTree(line);
      return node.path("ready").asBoolean() ? node.path("pid").asLong(-1) : -1;
    } catch (JsonProcessingException e) {
      return -1;
    }
  }

  public static String write(Request request) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("index", request.index()).put("unit", request.unit()).set("input", request.input());
    return node.toString();
  }

  public static Request readRequest(String line) {
    JsonNode node = tree(line);
    return new Request(node.path("index").asInt(), node.path("unit").asText(), node.get("input"));
  }

  public static String write(Reply reply) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("index", reply.index());
    node.set("output", reply.output());
    if (reply.error() != null) {
      node.putObject("error")
          .put("type", reply.error().type())
          .put("message", reply.error().message());
    } else {
      node.putNull("error");
    }
    if (reply.cpuMillis() != null) {
      node.put("cpuMillis", reply.cpuMillis());
    }
    return node.toString();
  }

  public static Reply readReply(String line) {
    JsonNode node = tree(line);
    JsonNode output = node.get("output");
    JsonNode error = node.get("error");
    JsonNode cpu = node.get("cpuMillis");
    return new Reply(
        node.path("index").asInt(),
        output == null || output.isNull() ? null : output,
        error == null || error.isNull()
            ? null
            : new TaskError(error.path("type").asText(), error.path("message").asText()),
        cpu == null || cpu.isNull() ? null : cpu.asDouble());
  }

  private static JsonNode tree(String line) {
    try {
      return MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a protocol line: " + line, e);
    }
  }
}
