package dev.fanout.cloud;

import dev.fanout.units.aws.AwsTarget;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Where the lambda strategy sends its invocations, and how to describe it in a report.
 *
 * @param endpoint an Invoke API endpoint (the local service, LocalStack, {@code sam local
 *     start-lambda}), signed with fixed dummy credentials; null for AWS itself, signed with the
 *     default credentials chain
 * @param region the AWS region to sign for
 * @param label what the report says of it, e.g. "local emulation, up to 8 instances on 2 cores"
 * @param arm64 whether the functions run on arm64 (for the price)
 * @param functionNames the function of a unit where it is not named as in template.yaml (a deployed
 *     stack's generated names, say)
 */
public record LambdaTarget(
    URI endpoint, String region, String label, boolean arm64, Map<String, String> functionNames) {

  public LambdaTarget {
    functionNames = Map.copyOf(functionNames);
  }

  public LambdaTarget(URI endpoint, String region, String label, boolean arm64) {
    this(endpoint, region, label, arm64, Map.of());
  }

  /** Where the client goes and how it signs. */
  AwsTarget aws() {
    return AwsTarget.of(endpoint, region);
  }

  /** The function that runs {@code unit}. */
  public String functionFor(String unit) {
    return functionNames.getOrDefault(unit, templateName(unit));
  }

  /** A unit's function as template.yaml names it, e.g. FibFunction. */
  public static String templateName(String unit) {
    return unit.substring(0, 1).toUpperCase(Locale.ROOT) + unit.substring(1) + "Function";
  }
}
