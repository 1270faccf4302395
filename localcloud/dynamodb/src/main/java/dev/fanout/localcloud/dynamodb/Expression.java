package dev.fanout.localcloud.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DynamoDB's condition and update expressions, for top-level attributes: comparisons (= <> < <= >
 * >=), AND, OR, NOT, parentheses, attribute_exists, attribute_not_exists, begins_with; SET with +
 * and -, and if_not_exists; REMOVE; ADD of numbers. Names may be #placeholders and values must be
 * :placeholders, as in DynamoDB.
 */
final class Expression {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final List<String> tokens;
  private final JsonNode names;
  private final JsonNode values;
  private int at;

  private Expression(String text, JsonNode names, JsonNode values) {
    this.tokens = tokenize(text);
    this.names = names;
    this.values = values;
  }

  /** Whether {@code item} (null when absent) meets the condition; a blank condition always does. */
  static boolean holds(String condition, JsonNode names, JsonNode values, ObjectNode item) {
    if (condition == null || condition.isBlank()) {
      return true;
    }
    Expression expression = new Expression(condition, names, values);
    boolean result = expression.or(item == null ? JSON.objectNode() : item);
    expression.end();
    return result;
  }

  /** Applies an update expression to {@code item} in place. */
  static void update(String update, JsonNode names, JsonNode values, ObjectNode item) {
    Expression expression = new Expression(update, names, values);
    while (!expression.done()) {
      String clause = expression.next().toUpperCase(Locale.ROOT);
      switch (clause) {
        case "SET" -> expression.set(item);
        case "REMOVE" -> expression.remove(item);
        case "ADD" -> expression.add(item);
        default -> throw ApiError.validation("Invalid UpdateExpression: unexpected " + clause);
      }
    }
  }

  private void set(ObjectNode item) {
    List<String> paths = new ArrayList<>();
    List<JsonNode> results = new ArrayList<>();
    do {
      String path = path();
      expect("=");
      JsonNode value = operand(item);
      if (peekIs("+") || peekIs("-")) {
        boolean plus = next().equals("+");
        value = arithmetic(value, operand(item), plus);
      }
      paths.add(path);
      results.add(value);
    } while (acceptIf(","));
    // Every right-hand side reads the item as it was before this update.
    for (int i = 0; i < paths.size(); i++) {
      item.set(paths.get(i), results.get(i));
    }
  }

  private void remove(ObjectNode item) {
    do {
      item.remove(path());
    } while (acceptIf(","));
  }

  private void add(ObjectNode item) {
    do {
      String path = path();
      JsonNode value = value(next());
      JsonNode old = item.get(path);
      item.set(path, old == null ? value : arithmetic(old, value, true));
    } while (acceptIf(","));
  }

  private boolean or(ObjectNode item) {
    boolean result = and(item);
    while (acceptWord("OR")) {
      result |= and(item);
    }
    return result;
  }

  private boolean and(ObjectNode item) {
    boolean result = not(item);
    while (acceptWord("AND")) {
      result &= not(item);
    }
    return result;
  }

  private boolean not(ObjectNode item) {
    if (acceptWord("NOT")) {
      return !not(item);
    }
    if (acceptIf("(")) {
      boolean result = or(item);
      expect(")");
      return result;
    }
    String word = peek().toLowerCase(Locale.ROOT);
    switch (word) {
      case "attribute_exists", "attribute_not_exists" -> {
        next();
        expect("(");
        boolean exists = item.has(path());
        expect(")");
        return word.equals("attribute_exists") == exists;
      }
      case "begins_with" -> {
        next();
        expect("(");
        JsonNode subject = operand(item);
        expect(",");
        JsonNode prefix = operand(item);
        expect(")");
        return subject != null
            && prefix != null
            && subject.has("S")
            && prefix.has("S")
            && subject.get("S").asText().startsWith(prefix.get("S").asText());
      }
      default -> {
        JsonNode left = operand(item);
        String comparator = next();
        JsonNode right = operand(item);
        return compare(left, comparator, right);
      }
    }
  }

  private static boolean compare(JsonNode left, String comparator, JsonNode right) {
    if (left == null || right == null) {
      return false;
    }
    int order;
    if (left.has("N") && right.has("N")) {
      order =
          new BigDecimal(left.get("N").asText()).compareTo(new BigDecimal(right.get("N").asText()));
    } else if (left.has("S") && right.has("S")) {
      order = left.get("S").asText().compareTo(right.get("S").asText());
    } else {
      // Values of different types are never equal, and never ordered.
      return comparator.equals("<>") && !left.equals(right);
    }
    return switch (comparator) {
      case "=" -> order == 0;
      case "<>" -> order != 0;
      case "<" -> order < 0;
      case "<=" -> order <= 0;
      case ">" -> order > 0;
      case ">=" -> order >= 0;
      default ->
          throw ApiError.validation(
              "Invalid ConditionExpression: unknown comparator " + comparator);
    };
  }

  /** A path's value in the item (null when absent), a :value, or if_not_exists(path, operand). */
  private JsonNode operand(ObjectNode item) {
    String token = next();
    if (token.startsWith(":")) {
      return value(token);
    }
    if (token.equalsIgnoreCase("if_not_exists")) {
      expect("(");
      String path = path();
      expect(",");
      JsonNode fallback = operand(item);
      expect(")");
      return item.has(path) ? item.get(path) : fallback;
    }
    at--;
    return item.get(path());
  }

  private JsonNode arithmetic(JsonNode left, JsonNode right, boolean plus) {
    if (left == null || right == null) {
      throw ApiError.validation(
          "The provided expression refers to an attribute that does not exist in the item");
    }
    if (!left.has("N") || !right.has("N")) {
      throw ApiError.validation("An operand in the update expression has an incorrect data type");
    }
    BigDecimal a = new BigDecimal(left.get("N").asText());
    BigDecimal b = new BigDecimal(right.get("N").asText());
    return JSON.objectNode().put("N", (plus ? a.add(b) : a.subtract(b)).toPlainString());
  }

  private String path() {
    String token = next();
    if (token.startsWith("#")) {
      JsonNode name = names == null ? null : names.get(token);
      if (name == null) {
        throw ApiError.validation(
            "Value provided in ExpressionAttributeNames unused in expressions or undefined: "
                + token);
      }
      return name.asText();
    }
    if (!Character.isLetter(token.charAt(0)) && token.charAt(0) != '_') {
      throw ApiError.validation("Invalid expression: expected an attribute name, got " + token);
    }
    return token;
  }

  private JsonNode value(String token) {
    JsonNode value = values == null ? null : values.get(token);
    if (!token.startsWith(":") || value == null) {
      throw ApiError.validation(
          "An expression attribute value used in expression is not defined; attribute value: "
              + token);
    }
    return value;
  }

  private boolean done() {
    return at >= tokens.size();
  }

  private String peek() {
    if (done()) {
      throw ApiError.validation("Invalid expression: it ends too early");
    }
    return tokens.get(at);
  }

  private boolean peekIs(String token) {
    return !done() && tokens.get(at).equals(token);
  }

  private String next() {
    String token = peek();
    at++;
    return token;
  }

  private boolean acceptIf(String token) {
    if (peekIs(token)) {
      at++;
      return true;
    }
    return false;
  }

  private boolean acceptWord(String word) {
    if (!done() && tokens.get(at).equalsIgnoreCase(word)) {
      at++;
      return true;
    }
    return false;
  }

  private void expect(String token) {
    String got = next();
    if (!got.equals(token)) {
      throw ApiError.validation("Invalid expression: expected " + token + ", got " + got);
    }
  }

  private void end() {
    if (!done()) {
      throw ApiError.validation("Invalid expression: unexpected " + tokens.get(at));
    }
  }

  private static List<String> tokenize(String text) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if ("(),=+-".indexOf(c) >= 0) {
        tokens.add(String.valueOf(c));
        i++;
      } else if (c == '<' || c == '>') {
        boolean two =
            i + 1 < text.length()
                && (text.charAt(i + 1) == '=' || (c == '<' && text.charAt(i + 1) == '>'));
        tokens.add(text.substring(i, i + (two ? 2 : 1)));
        i += two ? 2 : 1;
      } else {
        int start = i;
        while (i < text.length()
            && (Character.isLetterOrDigit(text.charAt(i)) || "_#:.".indexOf(text.charAt(i)) >= 0)) {
          i++;
        }
        if (i == start) {
          throw ApiError.validation("Invalid expression: unexpected character '" + c + "'");
        }
        tokens.add(text.substring(start, i));
      }
    }
    return tokens;
  }
}
