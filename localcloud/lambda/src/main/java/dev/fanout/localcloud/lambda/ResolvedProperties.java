package dev.fanout.localcloud.lambda;

import dev.fanout.localcloud.template.Unresolved;
import java.util.List;
import java.util.Map;

/**
 * A template entry's resolved properties (a function's, an event's), read as scalars: a value the
 * local run cannot know, or one that is not a scalar, gives way to the fallback with a warning; a
 * number that is no number is refused, naming the property.
 *
 * @param owner what the properties belong to, e.g. {@code FibFunction}, for messages
 */
record ResolvedProperties(String owner, Map<?, ?> values, List<String> warnings) {
  String string(String property, String fallback) {
    Object value = values.get(property);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Unresolved unresolved) {
      warnings.add(
          owner
              + "."
              + property
              + ": "
              + unresolved.describe()
              + " cannot be resolved locally; using "
              + fallback);
      return fallback;
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      warnings.add(owner + "." + property + " is not a scalar; using " + fallback);
      return fallback;
    }
    return String.valueOf(value);
  }

  int integer(String property, int fallback) {
    String value = string(property, Integer.toString(fallback));
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          owner + "." + property + " must be a whole number, got '" + value + "'", e);
    }
  }
}
