package dev.fanout.cli;

import dev.fanout.engine.DeployedStack;
import dev.fanout.engine.LambdaChoice;
import dev.fanout.strategy.kind.StrategyKind;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the lambda strategy invokes: the one mixin of every command that may talk to Lambda. By
 * default the local Lambda service, started for the run; --endpoint or (exclusively) --aws
 * elsewhere.
 */
final class LambdaOptions {
  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Target target;

  /** Where the invocations go, if not to the local service: one place or the other. */
  static final class Target {
    @Option(
        names = "--endpoint",
        paramLabel = "URL",
        required = true,
        description =
            "lambda: invoke this Lambda Invoke API endpoint (LocalStack, sam local start-lambda,"
                + " 'fanout lambda serve') instead of starting the local Lambda service.")
    URI endpoint;

    @Option(
        names = "--aws",
        required = true,
        description =
            "lambda: invoke the deployed functions on AWS, with the default credentials and"
                + " region (bank: its DynamoDB ledger is there too).")
    boolean aws;
  }

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "lambda: the AWS region (default: the default region chain, or us-east-1).")
  String region;

  @Option(
      names = "--function",
      paramLabel = "UNIT=NAME",
      description =
          "lambda: the function that runs UNIT, where it is not named as in template.yaml (e.g."
              + " fib=fanout-FibFunction-1A2B3C from a deployed stack's outputs); repeatable.")
  Map<String, String> functions = new LinkedHashMap<>();

  @Option(
      names = "--stack",
      paramLabel = "NAME",
      description =
          "lambda: take the functions' names (bank: and the ledger table's) from this deployed"
              + " stack's outputs (FibFunctionName.., LedgerTableName): with --aws from AWS"
              + " CloudFormation, with --endpoint from the CloudFormation there (or at"
              + " --cloudformation-endpoint). --function and --table win over them.")
  String stack;

  @Option(
      names = "--cloudformation-endpoint",
      paramLabel = "URL",
      description =
          "--stack: read the stack from this CloudFormation endpoint (default: --endpoint's, as"
              + " LocalStack serves every service at one).")
  URI cloudFormationEndpoint;

  @Mixin LocalServiceOptions local;

  /** The stack of --stack, read on first use. */
  private DeployedStack deployed;

  /** Checks the values picocli's types cannot; the message names the option. */
  void validate() {
    OptionChecks.httpUrl("--endpoint", endpoint(), "http://127.0.0.1:3001");
    OptionChecks.httpUrl(
        "--cloudformation-endpoint", cloudFormationEndpoint, "http://127.0.0.1:4566");
    if (stack != null && stack.isBlank()) {
      throw new IllegalArgumentException("--stack needs the deployed stack's name, e.g. fanout");
    }
    if (stack != null && !remote()) {
      throw new IllegalArgumentException(
          "--stack "
              + stack
              + " names functions deployed elsewhere: add --aws (the stack on AWS) or --endpoint"
              + " URL (on an emulator such as LocalStack); the local Lambda service runs"
              + " template.yaml's functions by their own names");
    }
    if (cloudFormationEndpoint != null && stack == null) {
      throw new IllegalArgumentException(
          "--cloudformation-endpoint is where --stack is read: give --stack NAME too");
    }
    if (cloudFormationEndpoint != null && aws()) {
      throw new IllegalArgumentException(
          "--cloudformation-endpoint and --aws exclude each other: with --aws the stack is read"
              + " from AWS CloudFormation");
    }
    local.validate();
  }

  /** --endpoint, or null. */
  URI endpoint() {
    return target == null ? null : target.endpoint;
  }

  boolean aws() {
    return target != null && target.aws;
  }

  /** Whether the invocations go to an endpoint or AWS rather than to the local service. */
  boolean remote() {
    return endpoint() != null || aws();
  }

  /**
   * The stack of --stack, read from CloudFormation on first use; null without --stack.
   *
   * @throws IllegalArgumentException when there is no such stack, in one line
   */
  DeployedStack deployedStack() {
    if (stack != null && deployed == null) {
      deployed =
          DeployedStack.read(
              stack,
              aws() ? null : Objects.requireNonNullElse(cloudFormationEndpoint, endpoint()),
              region);
    }
    return deployed;
  }

  /**
   * Says, one line each, which of these options do nothing in this run: any of them when no lambda
   * strategy runs, the local service's sizes against an endpoint or AWS.
   */
  void warnUnused(Collection<StrategyKind> kinds, PrintWriter err) {
    Map<String, Boolean> given = new LinkedHashMap<>();
    given.put("--endpoint", endpoint() != null);
    given.put("--aws", aws());
    given.put("--region", region != null);
    given.put("--function", !functions.isEmpty());
    given.put("--stack", stack != null);
    given.put("--cloudformation-endpoint", cloudFormationEndpoint != null);
    given.put("--max-instances", local.maxInstances != null);
    given.put("--idle-timeout", local.idleTimeout != null);
    boolean remote = remote();
    given.forEach(
        (option, isGiven) -> {
          if (!isGiven) {
            return;
          }
          String why = null;
          if (kinds.stream().noneMatch(StrategyKind::invokesLambda)) {
            why = "no lambda strategy runs";
          } else if (remote && isLocalServiceOption(option)) {
            why = "it sizes the local Lambda service, and the invocations go to " + where();
          }
          if (why != null) {
            err.println("fanout: warning: " + option + " does nothing here: " + why);
          }
        });
    err.flush();
  }

  private static boolean isLocalServiceOption(String option) {
    return option.equals("--max-instances") || option.equals("--idle-timeout");
  }

  private String where() {
    return aws() ? "AWS" : String.valueOf(endpoint());
  }

  /**
   * Where the invocations go, and the function of each unit: --function's, else for {@code
   * unitsOnLambda} the --stack's.
   *
   * @param unitsOnLambda the units the run may invoke on Lambda; empty when no lambda strategy runs
   * @throws IllegalArgumentException when --stack names no stack, or one without an output a unit
   *     needs
   */
  LambdaChoice choice(Collection<String> unitsOnLambda) {
    return choice(endpoint(), unitsOnLambda);
  }

  /** The choice with another Invoke API endpoint (bank's old spellings name it elsewhere). */
  LambdaChoice choice(URI endpoint, Collection<String> unitsOnLambda) {
    Map<String, String> names =
        stack == null || unitsOnLambda.isEmpty()
            ? functions
            : deployedStack().functions(unitsOnLambda, functions);
    return new LambdaChoice(
        endpoint, aws(), region, names, local.maxInstances, local.idleTimeout());
  }
}
