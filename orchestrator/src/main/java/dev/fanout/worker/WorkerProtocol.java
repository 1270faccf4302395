package dev.fanout.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.measure.TaskError;
import dev.fanout.plan.LedgerSettings;
import dev.fanout.plan.UnitSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The line protocol between the orchestrator and a worker JVM: one JSON object per line. The
 * orchestrator's first line is the worker's {@link Settings}; the worker says {@code
 * {"ready":true,"pid":N}} once it has wired its units by them, then answers each request line with
 * one reply line.
 */
public final class WorkerProtocol {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Settings must be whole: a field left out would silently become a zero or a null. */
  private static final ObjectMapper SETTINGS =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /** How much of a bad line an error message quotes. */
  private static final int QUOTED = 120;

  private WorkerProtocol() {}

  /**
   * The first line: how the worker wires its units, so that it runs the very units the orchestrator
   * runs. {@code ledgerTable}, {@code ledgerEndpoint} and {@code ledgerRegion} are null where the
   * ledger has none.
   */
  public record Settings(
      URI pokedexBase,
      String imageDir,
      long fetchTimeoutMillis,
      long maxResponseBytes,
      String ledgerKind,
      String ledgerTable,
      URI ledgerEndpoint,
      String ledgerRegion,
      List<String> unitJars) {

    public static Settings of(UnitSettings settings) {
      LedgerSettings ledger = settings.ledger();
      return new Settings(
          settings.pokedexBase(),
          settings.imageDir().toString(),
          settings.fetchTimeout().toMillis(),
          settings.maxResponseBytes(),
          ledger.kind().label(),
          ledger.table(),
          ledger.endpoint(),
          ledger.region(),
          settings.unitJars().stream().map(Path::toString).toList());
    }

    /** The unit settings these stand for; refuses any that the orchestrator could not have sent. */
    public UnitSettings unitSettings() {
      if (pokedexBase == null || imageDir == null || ledgerKind == null || unitJars == null) {
        throw new IllegalArgumentException(
            "the worker's settings need pokedexBase, imageDir, ledgerKind and unitJars, got "
                + this);
      }
      return new UnitSettings(
          pokedexBase,
          Path.of(imageDir),
          Duration.ofMillis(fetchTimeoutMillis),
          maxResponseBytes,
          new LedgerSettings(
              LedgerSettings.Kind.of(ledgerKind), ledgerTable, ledgerEndpoint, ledgerRegion),
          unitJars.stream().map(Path::of).toList());
    }
  }

  public static String write(Settings settings) {
    try {
      return SETTINGS.writeValueAsString(settings);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the worker's settings " + settings, e);
    }
  }

  /** The settings of a first line; a line that is not whole settings is refused, saying why. */
  public static Settings readSettings(String line) {
    try {
      return SETTINGS.readValue(line, Settings.class);
    } catch (JsonProcessingException e) {
      // The original message: the full one adds the source and location on lines of their own.
      throw new IllegalArgumentException(
          "the first line must be the worker's settings as one JSON object ("
              + e.getOriginalMessage().lines().findFirst().orElse("")
              + "), got: "
              + quote(line));
    }
  }

  /** A task for the worker. */
  public record Request(int index, String unit, JsonNode input) {}

  /**
   * The worker's answer: output or error, the CPU time its thread spent on the task, and the time
   * the task took by the worker's own clock (the rest of the round trip is the pipe); null where
   * not sent.
   */
  public record Reply(
      int index, JsonNode output, TaskError error, Double cpuMillis, Double workerMillis) {}

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
    if (reply.workerMillis() != null) {
      node.put("workerMillis", reply.workerMillis());
    }
    return node.toString();
  }

  public static Reply readReply(String line) {
    JsonNode node = tree(line);
    JsonNode output = node.get("output");
    JsonNode error = node.get("error");
    JsonNode cpu = node.get("cpuMillis");
    JsonNode own = node.get("workerMillis");
    return new Reply(
        node.path("index").asInt(),
        output == null || output.isNull() ? null : output,
        error == null || error.isNull()
            ? null
            : new TaskError(error.path("type").asText(), error.path("message").asText()),
        cpu == null || cpu.isNull() ? null : cpu.asDouble(),
        own == null || own.isNull() ? null : own.asDouble());
  }

  private static String quote(String line) {
    return line.length() <= QUOTED ? line : line.substring(0, QUOTED) + "...";
  }

  private static JsonNode tree(String line) {
    try {
      return MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a protocol line: " + line, e);
    }
  }
}
