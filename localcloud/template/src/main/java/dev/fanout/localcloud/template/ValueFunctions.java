package dev.fanout.localcloud.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The intrinsic functions over plain values (Join, Select, Split, FindInMap, Base64, Length), once
 * the {@link Resolver} has evaluated their arguments and found nothing unresolved in them; and the
 * checks of an argument's shape, whose errors say what the function takes.
 */
final class ValueFunctions {
  private final Template template;

  ValueFunctions(Template template) {
    this.template = template;
  }

  /**
   * @param argument the evaluated argument, free of {@link Unresolved} where the function reads it
   */
  Object apply(Intrinsic function, Object argument, String path) {
    return switch (function) {
      case JOIN -> {
        List<?> args = list(function, argument, 2, 2, path);
        String delimiter = scalar(function, args.get(0), path);
        if (!(args.get(1) instanceof List<?> values)) {
          throw wrong(function, argument, path);
        }
        List<String> parts = new ArrayList<>();
        values.forEach(value -> parts.add(scalar(function, value, path)));
        yield String.join(delimiter, parts);
      }
      case SELECT -> {
        List<?> args = list(function, argument, 2, 2, path);
        int index = index(args.get(0), path);
        if (!(args.get(1) instanceof List<?> values)) {
          throw wrong(function, argument, path);
        }
        if (index < 0 || index >= values.size()) {
          throw template.invalid(
              path, "selects item " + index + " of a list of " + values.size() + " items");
        }
        yield values.get(index);
      }
      case SPLIT -> {
        List<?> args = list(function, argument, 2, 2, path);
        String delimiter = scalar(function, args.get(0), path);
        if (delimiter.isEmpty()) {
          throw wrong(function, argument, path);
        }
        yield List.of(scalar(function, args.get(1), path).split(Pattern.quote(delimiter), -1));
      }
      case FIND_IN_MAP -> findInMap(list(function, argument, 3, 4, path), path);
      case BASE64 ->
          Base64.getEncoder()
              .encodeToString(scalar(function, argument, path).getBytes(StandardCharsets.UTF_8));
      case LENGTH -> {
        if (!(argument instanceof List<?> values)) {
          throw wrong(function, argument, path);
        }
        yield values.size();
      }
      default -> throw new IllegalStateException(function + " is no function over plain values");
    };
  }

  private Object findInMap(List<?> args, String path) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      keys.add(scalar(Intrinsic.FIND_IN_MAP, args.get(i), path));
    }
    Object found = template.mappings();
    for (String key : keys) {
      found = found instanceof Map<?, ?> map ? map.get(key) : null;
    }
    if (found != null) {
      return found;
    }
    if (args.size() == 4
        && args.get(3) instanceof Map<?, ?> options
        && options.containsKey("DefaultValue")) {
      return options.get("DefaultValue");
    }
    throw template.invalid(
        path, "finds nothing: Mappings has no " + String.join(".", keys) + " and no DefaultValue");
  }

  /** Every Unresolved in a resolved value, however deep. */
  static void collect(Object value, List<Unresolved> into) {
    switch (value) {
      case Unresolved unresolved -> into.add(unresolved);
      case Map<?, ?> map -> map.values().forEach(item -> collect(item, into));
      case List<?> list -> list.forEach(item -> collect(item, into));
      case null, default -> {}
    }
  }

  /** The items that are Unresolved themselves. */
  static List<Unresolved> unresolved(List<?> values) {
    List<Unresolved> causes = new ArrayList<>();
    for (Object value : values) {
      if (value instanceof Unresolved cause) {
        causes.add(cause);
      }
    }
    return causes;
  }

  /** A name: Ref's, Condition's, the condition of an If. */
  String name(Intrinsic function, Object argument, String path) {
    if (argument instanceof String name && !name.isBlank()) {
      return name;
    }
    throw template.invalid(path, "is not a name: " + function.key() + " takes " + function.usage());
  }

  /** A list argument of {@code min..max} items. */
  List<?> list(Intrinsic function, Object argument, int min, int max, String path) {
    if (argument instanceof List<?> list && list.size() >= min && list.size() <= max) {
      return list;
    }
    throw wrong(function, argument, path);
  }

  /** GetAtt's argument as [Resource, Attribute], from either of its forms. */
  List<?> getAtt(Object argument, String path) {
    if (argument instanceof String text) {
      int dot = text.indexOf('.');
      if (dot > 0 && dot < text.length() - 1) {
        return List.of(text.substring(0, dot), text.substring(dot + 1));
      }
    }
    return list(Intrinsic.GET_ATT, argument, 2, 2, path);
  }

  private String scalar(Intrinsic function, Object value, String path) {
    if (value == null || value instanceof Map || value instanceof List) {
      throw template.invalid(
          path,
          function.key()
              + " needs a string where it has "
              + Template.kind(value)
              + ": it takes "
              + function.usage());
    }
    return String.valueOf(value);
  }

  private int index(Object value, String path) {
    try {
      return value instanceof Number number
          ? number.intValue()
          : Integer.parseInt(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw template.invalid(path, "selects item '" + value + "', which is not a whole number");
    }
  }

  private IllegalArgumentException wrong(Intrinsic function, Object argument, String path) {
    return template.invalid(path, "takes " + function.usage() + ", got " + argument);
  }
}
