package dev.fanout.engine;

import dev.fanout.cloud.LambdaTarget;
import dev.fanout.units.aws.AwsTarget;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * A deployed stack of template.yaml, known by its outputs: the names AWS generated for the
 * functions and the ledger table, under the keys the template exports them by ({@code
 * FibFunctionName}, {@code LedgerTableName}). Read once, before a run, so that a missing stack or
 * output stops the command before anything runs.
 */
public final class DeployedStack {
  /** The output that names the bank's table. */
  static final String LEDGER_TABLE_OUTPUT = "LedgerTableName";

  /** DescribeStacks is one small answer; a CloudFormation that takes longer is not there. */
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final String name;
  private final Map<String, String> outputs;

  DeployedStack(String name, Map<String, String> outputs) {
    this.name = name;
    this.outputs = Map.copyOf(outputs);
  }

  /**
   * Reads {@code stack}'s outputs with DescribeStacks, signed as every client of fanout's is (see
   * {@link AwsTarget}): on AWS with the default credentials when {@code endpoint} is null, else at
   * that CloudFormation endpoint with the local dummy credentials.
   *
   * @param region the region to sign for; null for the default region chain's (or us-east-1)
   * @throws IllegalArgumentException when there is no such stack or it cannot be read, in one line
   */
  public static DeployedStack read(String stack, URI endpoint, String region) {
    AwsTarget target = AwsTarget.of(endpoint, region);
    String where =
        target.isAws()
            ? "AWS CloudFormation in " + target.region()
            : "the CloudFormation at " + endpoint;
    try (CloudFormationClient client =
        target
            .configure(CloudFormationClient.builder())
            .httpClientBuilder(Apache5HttpClient.builder())
            .overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT))
            .build()) {
      Stack found =
          client.describeStacks(request -> request.stackName(stack)).stacks().stream()
              .findFirst()
              .orElseThrow(() -> noSuchStack(stack, where, "it answered no stack"));
      Map<String, String> outputs = new LinkedHashMap<>();
      for (Output output : found.outputs()) {
        outputs.put(output.outputKey(), output.outputValue());
      }
      return new DeployedStack(stack, outputs);
    } catch (CloudFormationException e) {
      AwsErrorDetails details = e.awsErrorDetails();
      String message = details == null ? e.getMessage() : details.errorMessage();
      // CloudFormation answers a missing stack with a ValidationError, not an error of its own.
      if (details != null
          && "ValidationError".equals(details.errorCode())
          && message != null
          && message.contains("does not exist")) {
        throw noSuchStack(stack, where, message);
      }
      throw new IllegalArgumentException(
          oneLine(
              "--stack "
                  + stack
                  + ": "
                  + where
                  + " refused DescribeStacks: "
                  + (details == null ? "" : details.errorCode() + ": ")
                  + message),
          e);
    } catch (SdkException e) {
      throw new IllegalArgumentException(
          oneLine("--stack " + stack + ": cannot read it from " + where + ": " + e.getMessage()),
          e);
    }
  }

  /**
   * The function of each unit in {@code units}: the one {@code given} names (--function wins), else
   * the one the stack's outputs name.
   *
   * @throws IllegalArgumentException naming the first output missing and the unit that needs it
   */
  public Map<String, String> functions(Collection<String> units, Map<String, String> given) {
    Map<String, String> functions = new LinkedHashMap<>(given);
    for (String unit : units) {
      if (!functions.containsKey(unit)) {
        functions.put(
            unit,
            require(
                functionOutput(unit),
                "the unit " + unit + " needs (its function's name)",
                "--function " + unit + "=NAME"));
      }
    }
    return functions;
  }

  /**
   * The bank's ledger table, from the stack's {@value #LEDGER_TABLE_OUTPUT}.
   *
   * @throws IllegalArgumentException when the stack has no such output
   */
  public String ledgerTable() {
    return require(
        LEDGER_TABLE_OUTPUT, "the unit transfer needs (the bank's ledger table)", "--table NAME");
  }

  /** The output that names {@code unit}'s function, as template.yaml exports it. */
  static String functionOutput(String unit) {
    return LambdaTarget.templateName(unit) + "Name";
  }

  private String require(String output, String needed, String instead) {
    String value = outputs.get(output);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "--stack "
              + name
              + " has no output "
              + output
              + ", which "
              + needed
              + ": deploy this project's template.yaml as the stack, or give "
              + instead);
    }
    return value;
  }

  private static IllegalArgumentException noSuchStack(String stack, String where, String answer) {
    return new IllegalArgumentException(
        oneLine(
            "--stack "
                + stack
                + ": no such stack in "
                + where
                + " ("
                + answer
                + "); deploy it first (sam deploy), or check the name and --region"));
  }

  private static String oneLine(String message) {
    return message.replaceAll("\\s*\\R\\s*", " ");
  }
}
