package dev.fanout.localcloud.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of the template's Parameters.
 *
 * @param name its key, e.g. {@code MemorySize}
 * @param type e.g. {@code String}, {@code Number}, {@code CommaDelimitedList}
 * @param definition all it says: Default, AllowedValues, Description ...
 */
public record Parameter(String name, String type, Map<String, Object> definition) {

  public Parameter {
    definition = Collections.unmodifiableMap(new LinkedHashMap<>(definition));
  }

  /** Its Default as CloudFormation passes it: a string, as every parameter value is. */
  public Optional<String> defaultValue() {
    Object value = definition.get("Default");
    return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
  }

  /**
   * Its value in a stack: the override, else its Default; a list of strings for a list type; a
   * {@link Unresolved.MissingParameter} when there is neither, or when SSM holds the value.
   */
  Object value(String override) {
    if (override == null && isFromSsm()) {
      return new Unresolved.MissingParameter(
          name, "its value is read from SSM when deploying: pass it as a parameter override");
    }
    String value = override != null ? override : defaultValue().orElse(null);
    if (value == null) {
      return new Unresolved.MissingParameter(
          name, "it has no Default: pass it as a parameter override");
    }
    return isList() ? List.of(value.split(",", -1)) : value;
  }

  /** A list type, whose Ref is a list of strings: CommaDelimitedList or List&lt;...&gt;. */
  boolean isList() {
    return type.equals("CommaDelimitedList") || type.startsWith("List<");
  }

  /** A type whose value CloudFormation reads from the SSM Parameter Store when deploying. */
  boolean isFromSsm() {
    return type.startsWith("AWS::SSM::Parameter::Value<");
  }
}
