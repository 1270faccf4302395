package dev.fanout.engine;

import dev.fanout.cloud.LambdaTarget;
import dev.fanout.localcloud.lambda.FunctionConfig;
import dev.fanout.localcloud.lambda.LocalLambdaService;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The local Lambda functions of the units of your own: one per unit, named as fanout names a unit's
 * function (e.g. {@code WordsFunction}), running function.zip's generic handler with the units'
 * jars as its layer. Their settings are the template's download function's, the Globals included,
 * as for any function that fetches.
 *
 * @param units the names of the units of your own
 * @param jars the jars they come from
 */
public record OwnFunctions(List<String> units, List<Path> jars) {
  static final OwnFunctions NONE = new OwnFunctions(List.of(), List.of());

  /** The variable that names the unit of the generic handler. */
  public static final String UNIT_VARIABLE = "FANOUT_UNIT";

  /** The template function whose settings the generated functions share. */
  static final String MODEL = "DownloadFunction";

  public OwnFunctions {
    units = List.copyOf(units);
    jars = List.copyOf(jars);
  }

  /** The functions to run beside {@code template}'s. */
  public List<FunctionConfig> functions(Path template) {
    if (units.isEmpty()) {
      return List.of();
    }
    FunctionConfig model =
        LocalLambdaService.functionsOf(template, Map.of(), "us-east-1").stream()
            .filter(function -> function.name().equals(MODEL))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        template
                            + " has no "
                            + MODEL
                            + " to model the functions of your units on"));
    return units.stream()
        .map(
            unit ->
                model.sibling(
                    LambdaTarget.templateName(unit),
                    Map.of("QUARKUS_LAMBDA_HANDLER", "unit", UNIT_VARIABLE, unit),
                    jars))
        .toList();
  }
}
