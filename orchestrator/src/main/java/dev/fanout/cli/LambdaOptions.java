package dev.fanout.cli;

import dev.fanout.engine.LambdaChoice;
import dev.fanout.strategy.kind.StrategyKind;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
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

  @Mixin LocalServiceOptions local;

  /** Checks the values picocli's types cannot; the message names the option. */
  void validate() {
    OptionChecks.httpUrl("--endpoint", endpoint(), "http://127.0.0.1:3001");
    local.validate();
  }

  /** --endpoint, or null. */
  URI endpoint() {
    return target == null ? null : target.endpoint;
  }

  boolean aws() {
    return target != null && target.aws;
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
    given.put("--max-instances", local.maxInstances != null);
    given.put("--idle-timeout", local.idleTimeout != null);
    boolean remote = endpoint() != null || aws();
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

  LambdaChoice choice() {
    return choice(endpoint());
  }

  /** The choice with another Invoke API endpoint (bank's old spellings name it elsewhere). */
  LambdaChoice choice(URI endpoint) {
    return new LambdaChoice(
        endpoint, aws(), region, functions, local.maxInstances, local.idleTimeout());
  }
}
