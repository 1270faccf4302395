package dev.fanout.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.forecast.Forecast;
import dev.fanout.forecast.LambdaFigures;
import dev.fanout.forecast.Profile;
import java.util.List;

/**
 * A forecast as JSON: {@code predictions}, {@code breakEven}, {@code validation}, and the figures
 * and measurements it stands on. Fields are only ever added, never renamed.
 */
public final class ForecastJson {
  private ForecastJson() {}

  public static ObjectNode render(
      List<Profile> profiles, Forecast.Result result, Forecast.Request request) {
    ObjectNode root = JsonReport.mapper().createObjectNode();
    ArrayNode predictions = root.putArray("predictions");
    for (Forecast.Prediction p : result.predictions()) {
      ObjectNode node =
          predictions
              .addObject()
              .put("workload", p.workload())
              .put("target", p.target())
              .put("strategy", p.strategy())
              .put("tasks", p.tasks());
      putNullable(node, "memoryMB", p.memoryMB());
      node.put("arch", p.arch()).put("wallMillis", p.wallMillis());
      putNullable(node, "costUsd", p.costUsd());
    }
    ArrayNode breakEven = root.putArray("breakEven");
    for (Forecast.BreakEven b : result.breakEven()) {
      ObjectNode node = breakEven.addObject().put("workload", b.workload());
      putNullable(node, "tasks", b.tasks());
      node.put("memoryMB", b.memoryMB()).put("arch", b.arch());
      putNullable(node, "costUsd", b.costUsd());
    }
    ArrayNode validation = root.putArray("validation");
    for (Forecast.Validation v : result.validation()) {
      ObjectNode node =
          validation
              .addObject()
              .put("workload", v.workload())
              .put("strategy", v.strategy())
              .put("predictedMillis", v.predictedMillis())
              .put("measuredMillis", v.measuredMillis())
              .put("error", v.error());
      putNullable(node, "cores", v.cores());
    }
    root.set("figures", figures(request));
    ArrayNode measured = root.putArray("measured");
    for (Profile profile : profiles) {
      Profile.LambdaMeasure lambda = profile.lambda();
      ObjectNode node = measured.addObject();
      putNullable(node, "loadAverage", profile.loadAverage());
      node.put("workload", profile.workload())
          .put("tasks", profile.work().size())
          .put("cores", profile.cores())
          .put("coldStartMillis", lambda.coldStartMillis())
          .put("roundTripMillis", lambda.overheadMillis())
          .put("issuePerSecond", Math.min(lambda.issuePerSecond(), 1e9))
          .put("memoryMB", lambda.memoryMB())
          .put("instances", lambda.instances());
    }
    return root;
  }

  private static ObjectNode figures(Forecast.Request request) {
    LambdaFigures f = request.figures();
    ObjectNode node = JsonReport.mapper().createObjectNode();
    node.put("accountConcurrency", f.accountConcurrency())
        .put("scalingBurst", f.scalingBurst())
        .put("scalingRefillPerSecond", f.scalingRefillPerSecond())
        .put("requestsPerSecondPerEnvironment", f.requestsPerSecondPerEnvironment())
        .put("megabytesPerVcpu", f.megabytesPerVcpu())
        .put("pricePerRequest", f.pricePerRequest())
        .put("pricePerGbSecond", f.perGbSecond(request.arch()))
        .put("initBilled", f.initBilled());
    putNullable(node, "coldStartMillis", request.coldStartMillis());
    return node;
  }

  private static void putNullable(ObjectNode node, String field, Number value) {
    if (value == null) {
      node.putNull(field);
    } else if (value instanceof Double d) {
      node.put(field, d);
    } else {
      node.put(field, value.longValue());
    }
  }
}
