package dev.fanout.localcloud.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON documents of Lambda's errors: function errors and the Invoke API's own. */
final class ErrorBodies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorBodies() {}

  /** A function error as Lambda shapes it: {@code {"errorType","errorMessage"}}. */
  static byte[] functionError(String errorType, String errorMessage) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("errorType", errorType);
    body.put("errorMessage", errorMessage);
    return bytes(body);
  }

  /** An Invoke API error: {@code {"Type":"User","message":...}} plus extra fields. */
  static String apiError(String message, String... extraPairs) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Type", "User");
    body.put("message", message);
    for (int i = 0; i + 1 < extraPairs.length; i += 2) {
      body.put(extraPairs[i], extraPairs[i + 1]);
    }
    return new String(bytes(body), java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * An error that AWS answers before the Lambda service proper (request validation, access), as
   * {@code {"message":...}} without Lambda's {@code Type}.
   */
  static String message(String message) {
    return new String(bytes(Map.of("message", message)), java.nio.charset.StandardCharsets.UTF_8);
  }

  static byte[] bytes(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value + " as JSON", e);
    }
  }

  /** {@code body} re-written as compact JSON if it is one JSON object, else null. */
  static String compactJsonObject(byte[] body) {
    if (!isJson(body)) {
      return null;
    }
    try {
      var tree = JSON.readTree(body);
      // ASCII only: it goes into a header.
      return tree.isObject()
          ? JSON.writer()
              .with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
              .writeValueAsString(tree)
          : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** True when {@code body} is one JSON value (what Lambda requires of an Invoke payload). */
  static boolean isJson(byte[] body) {
    try (var parser = JSON.createParser(body)) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
