package dev.fanout.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Reading unit inputs field by field, with errors that name the field and the allowed values. */
public final class UnitJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private UnitJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Renders a unit's output record as JSON. */
  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** Parses JSON text, reporting malformed text as invalid input. */
  public static JsonNode parse(String unit, String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          "", unit + ": input is not valid JSON (" + e.getOriginalMessage() + ")");
    }
  }

  /**
   * Checks that the input is an object holding only the given fields, so a misspelt field is an
   * error rather than silently ignored.
   */
  public static void requireObject(
      String unit, JsonNode input, Set<String> fields, String example) {
    if (input == null || !input.isObject()) {
      throw new InvalidInputException(
          "", unit + ": input must be a JSON object like " + example + ", got " + describe(input));
    }
    List<String> unknown = new ArrayList<>();
    for (Iterator<String> it = input.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!fields.contains(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      String name = unknown.get(0);
      throw new InvalidInputException(
          name,
          unit
              + ": unknown field '"
              + name
              + "'; the input takes "
              + String.join(", ", fields)
              + ", e.g. "
              + example);
    }
  }

  /**
   * Checks that {@code field} holds an object with only the given fields, as {@link #requireObject}
   * does for the whole input. Its own fields are then read by dotted names such as {@code
   * order.customer}, so that errors say where the bad value is.
   */
  public static void requireObjectField(
      String unit, JsonNode input, String field, Set<String> fields, String example) {
    String allowed = "an object like " + example;
    JsonNode node = required(unit, input, field, allowed);
    if (!node.isObject()) {
      throw outOfRange(unit, field, allowed, node);
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!fields.contains(name)) {
        throw new InvalidInputException(
            field + "." + name,
            unit
                + ": unknown field '"
                + field
                + "."
                + name
                + "'; field '"
                + field
                + "' takes "
                + String.join(", ", fields)
                + ", e.g. "
                + example);
      }
    }
  }

  /** Reads a text field that must be one of {@code choices}, compared exactly. */
  public static String requireChoice(
      String unit, JsonNode input, String field, Collection<String> choices) {
    String allowed = "one of " + String.join(", ", choices);
    JsonNode node = required(unit, input, field, allowed);
    if (!node.isTextual() || !choices.contains(node.textValue())) {
      throw outOfRange(unit, field, allowed, node);
    }
    return node.textValue();
  }

  public static long requireLong(String unit, JsonNode input, String field, long min, long max) {
    JsonNode node = required(unit, input, field, integerRange(min, max));
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw outOfRange(unit, field, integerRange(min, max), node);
    }
    long value = node.longValue();
    if (value < min || value > max) {
      throw outOfRange(unit, field, integerRange(min, max), node);
    }
    return value;
  }

  public static int requireInt(String unit, JsonNode input, String field, int min, int max) {
    return (int) requireLong(unit, input, field, min, max);
  }

  public static int optionalInt(
      String unit, JsonNode input, String field, int min, int max, int fallback) {
    JsonNode node = lookup(input, field);
    if (node == null || node.isNull()) {
      return fallback;
    }
    return requireInt(unit, input, field, min, max);
  }

  public static double requireDouble(
      String unit, JsonNode input, String field, double min, double max) {
    String allowed = "a number from " + plain(min) + " to " + plain(max);
    JsonNode node = required(unit, input, field, allowed);
    if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
      throw outOfRange(unit, field, allowed, node);
    }
    double value = node.doubleValue();
    if (value < min || value > max) {
      throw outOfRange(unit, field, allowed, node);
    }
    return value;
  }

  public static String requireText(
      String unit, JsonNode input, String field, int maxLength, String allowed) {
    JsonNode node = required(unit, input, field, allowed);
    if (!node.isTextual() || node.textValue().isBlank() || node.textValue().length() > maxLength) {
      throw outOfRange(unit, field, allowed + " of at most " + maxLength + " characters", node);
    }
    return node.textValue();
  }

  private static JsonNode required(String unit, JsonNode input, String field, String allowed) {
    JsonNode node = lookup(input, field);
    if (node == null || node.isNull()) {
      throw new InvalidInputException(
          field, unit + ": field '" + field + "' is missing; it must be " + allowed);
    }
    return node;
  }

  /**
   * The value at {@code field}, which may be a dotted path into nested objects (no unit's field
   * name holds a dot); null when any step is missing.
   */
  private static JsonNode lookup(JsonNode input, String field) {
    if (field.indexOf('.') < 0) {
      return input.get(field);
    }
    JsonNode node = input;
    for (String step : field.split("\\.")) {
      node = node == null ? null : node.get(step);
    }
    return node;
  }

  /** Raised for a value that is present but not allowed; public for units' own checks. */
  public static InvalidInputException invalid(
      String unit, String field, String allowed, JsonNode got) {
    return outOfRange(unit, field, allowed, got);
  }

  private static InvalidInputException outOfRange(
      String unit, String field, String allowed, JsonNode got) {
    return new InvalidInputException(
        field, unit + ": field '" + field + "' must be " + allowed + ", got " + describe(got));
  }

  private static String integerRange(long min, long max) {
    return "an integer from " + min + " to " + max;
  }

  private static String plain(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }

  private static String describe(JsonNode node) {
    if (node == null || node.getNodeType() == JsonNodeType.MISSING) {
      return "nothing";
    }
    String text = node.toString();
    if (text.length() > 60) {
      text = text.substring(0, 57) + "...";
    }
    return text + " (" + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ")";
  }
}
