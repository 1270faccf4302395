package dev.fanout.localcloud.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stack a template is resolved for: what its pseudo parameters (AWS::Region, AWS::AccountId,
 * AWS::StackName ...) stand for, and the values given to its Parameters.
 *
 * @param name what AWS::StackName resolves to
 * @param region what AWS::Region resolves to; AWS::Partition and AWS::URLSuffix follow from it
 * @param accountId what AWS::AccountId resolves to: twelve digits
 * @param parameterOverrides values replacing the Parameters' Default, as {@code sam deploy
 *     --parameter-overrides} does
 * @param resources what the stack's resources stand for once they exist, by logical id: a local run
 *     that creates a resource itself (a queue) resolves Refs and GetAtts to it; any other stays
 *     {@link Unresolved}
 */
public record Stack(
    String name,
    String region,
    String accountId,
    Map<String, String> parameterOverrides,
    Map<String, Deployed> resources) {

  /**
   * A resource as it exists: what {@code !Ref} to it gives, and its attributes for {@code !GetAtt}.
   */
  public record Deployed(String ref, Map<String, String> attributes) {
    public Deployed {
      attributes = Map.copyOf(attributes);
    }
  }

  /** The account id a local run stands for: what the local emulators answer in ARNs. */
  public static final String LOCAL_ACCOUNT_ID = "000000000000";

  public Stack {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a stack needs a name, e.g. local");
    }
    if (region == null || region.isBlank()) {
      throw new IllegalArgumentException("a stack needs a region, e.g. us-east-1");
    }
    if (accountId == null || !accountId.matches("\\d{12}")) {
      throw new IllegalArgumentException(
          "an account id is twelve digits, e.g. " + LOCAL_ACCOUNT_ID + "; got " + accountId);
    }
    parameterOverrides = Map.copyOf(parameterOverrides);
    resources = Map.copyOf(resources);
  }

  /** A stack none of whose resources exist yet. */
  public Stack(
      String name, String region, String accountId, Map<String, String> parameterOverrides) {
    this(name, region, accountId, parameterOverrides, Map.of());
  }

  /** This stack with {@code deployed} standing for those of its resources. */
  public Stack withResources(Map<String, Deployed> deployed) {
    Map<String, Deployed> all = new LinkedHashMap<>(resources);
    all.putAll(deployed);
    return new Stack(name, region, accountId, parameterOverrides, all);
  }

  /** The stack a local run resolves for: named {@code local}, in the local account. */
  public static Stack local(String region, Map<String, String> parameterOverrides) {
    return new Stack("local", region, LOCAL_ACCOUNT_ID, parameterOverrides);
  }

  /**
   * What a pseudo parameter such as AWS::Region stands for in this stack; empty for a name that is
   * none (AWS::NoValue is no value at all: the resolver removes what holds it).
   */
  public Optional<Object> pseudoParameter(String name) {
    return Optional.ofNullable(
        switch (name) {
          case "AWS::Region" -> region;
          case "AWS::AccountId" -> accountId;
          case "AWS::StackName" -> this.name;
          case "AWS::StackId" -> stackId();
          case "AWS::Partition" -> partition();
          case "AWS::URLSuffix" -> urlSuffix();
          case "AWS::NotificationARNs" -> List.of();
          default -> null;
        });
  }

  /** AWS::Partition: {@code aws}, or {@code aws-cn} and {@code aws-us-gov} in their regions. */
  public String partition() {
    if (region.startsWith("cn-")) {
      return "aws-cn";
    }
    return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
  }

  /** AWS::URLSuffix: {@code amazonaws.com}, or {@code amazonaws.com.cn} in China. */
  public String urlSuffix() {
    return region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  }

  /** AWS::StackId: the shape of a stack's ARN, with a fixed id. */
  public String stackId() {
    return "arn:"
        + partition()
        + ":cloudformation:"
        + region
        + ":"
        + accountId
        + ":stack/"
        + name
        + "/00000000-0000-0000-0000-000000000000";
  }
}
