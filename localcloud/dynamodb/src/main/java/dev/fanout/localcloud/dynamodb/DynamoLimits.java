package dev.fanout.localcloud.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The limits DynamoDB documents for requests, held here as DynamoDB holds them, so that code that
 * passes locally does not fail on AWS for a name or an item size: table names of 3 to 255
 * characters of {@code [a-zA-Z0-9_.-]}, items of at most 400 KB, requests of at most 16 MB.
 */
final class DynamoLimits {
  /** The largest request body; a larger one is refused from its Content-Length, unread. */
  static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;

  /** The largest item, attribute names included, counted as DynamoDB counts item sizes. */
  static final int MAX_ITEM_BYTES = 400 * 1024;

  private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

  private DynamoLimits() {}

  /** Throws DynamoDB's ValidationException when {@code name} is no valid table name. */
  static void checkTableName(String name) {
    String constraint;
    if (name.length() < 3) {
      constraint = "Member must have length greater than or equal to 3";
    } else if (name.length() > 255) {
      constraint = "Member must have length less than or equal to 255";
    } else if (!TABLE_NAME.matcher(name).matches()) {
      constraint = "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+";
    } else {
      return;
    }
    throw ApiError.validation(
        "1 validation error detected: Value '"
            + name
            + "' at 'tableName' failed to satisfy constraint: "
            + constraint);
  }

  /** DynamoDB's message for an item over 400 KB in a request. */
  static final String ITEM_TOO_LARGE = "Item size has exceeded the maximum allowed size";

  /** DynamoDB's message for an update that would take an item over 400 KB. */
  static final String UPDATE_TOO_LARGE =
      "Item size to update has exceeded the maximum allowed size";

  /** Throws DynamoDB's ValidationException with {@code message} when {@code item} is too large. */
  static void checkItemSize(JsonNode item, String message) {
    if (tooLarge(item)) {
      throw ApiError.validation(message);
    }
  }

  static boolean tooLarge(JsonNode item) {
    return itemSize(item) > MAX_ITEM_BYTES;
  }

  /**
   * An item's size as DynamoDB documents it: each attribute's name in UTF-8 plus its value: strings
   * in UTF-8, binaries in bytes, numbers one byte per two significant digits plus one, booleans and
   * nulls one byte, sets the sum of their elements, lists and maps three bytes plus one per element
   * and the elements (a map's keys too).
   */
  static long itemSize(JsonNode item) {
    long size = 0;
    for (Map.Entry<String, JsonNode> attribute : item.properties()) {
      size += utf8(attribute.getKey()) + valueSize(attribute.getValue());
    }
    return size;
  }

  private static long valueSize(JsonNode value) {
    long size = 0;
    for (Map.Entry<String, JsonNode> typed : value.properties()) {
      JsonNode content = typed.getValue();
      size +=
          switch (typed.getKey()) {
            case "S" -> utf8(content.asText());
            case "N" -> numberSize(content.asText());
            case "B" -> binarySize(content.asText());
            case "SS" -> sum(content, element -> utf8(element.asText()));
            case "NS" -> sum(content, element -> numberSize(element.asText()));
            case "BS" -> sum(content, element -> binarySize(element.asText()));
            case "L" -> 3 + sum(content, element -> 1 + valueSize(element));
            case "M" -> 3 + itemSize(content) + content.size();
            default -> 1; // BOOL, NULL
          };
    }
    return size;
  }

  private interface Size {
    long of(JsonNode element);
  }

  private static long sum(JsonNode elements, Size size) {
    long sum = 0;
    for (JsonNode element : elements) {
      sum += size.of(element);
    }
    return sum;
  }

  private static long utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Base64 text's decoded length. */
  private static long binarySize(String base64) {
    int padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
    return Math.max(0, base64.length() / 4 * 3 - padding);
  }

  /** One byte per two significant digits, plus one; leading and trailing zeros are not kept. */
  private static long numberSize(String number) {
    String mantissa = number.split("[eE]", 2)[0];
    String digits =
        mantissa.replaceAll("[^0-9]", "").replaceFirst("^0+", "").replaceFirst("0+$", "");
    return 1 + (digits.length() + 1) / 2;
  }
}
