package dev.fanout.localcloud.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of the template's Resources.
 *
 * @param logicalId its key under Resources, e.g. {@code OrdersQueue}
 * @param type e.g. {@code AWS::SQS::Queue}
 * @param properties its Properties in long form; for an {@code AWS::Serverless::*} resource with
 *     the template's Globals merged in, as SAM deploys it
 * @param attributes the rest of its definition: Condition, DependsOn, DeletionPolicy, Metadata ...
 */
public record Resource(
    String logicalId, String type, Map<String, Object> properties, Map<String, Object> attributes) {

  public Resource {
    // Not Map.copyOf: YAML allows an empty value (a null) where CloudFormation then ignores it.
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /** The name of the condition that decides whether the stack creates it. */
  public Optional<String> condition() {
    return attributes.get("Condition") instanceof String name
        ? Optional.of(name)
        : Optional.empty();
  }
}
