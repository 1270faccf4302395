package dev.fanout.localcloud.dynamodb;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A DynamoDB error answer: HTTP 400 (or 500) with {@code __type} naming the exception as DynamoDB
 * does, which the AWS SDKs turn into their typed exceptions.
 *
 * @param extra fields added to the body (a cancelled transaction's CancellationReasons)
 */
final class ApiError extends RuntimeException {
  private final String type;
  private final int status;
  private final transient ObjectNode extra;

  ApiError(String type, String message, int status, ObjectNode extra) {
    super(message, null, false, false);
    this.type = type;
    this.status = status;
    this.extra = extra;
  }

  static ApiError validation(String message) {
    return new ApiError("ValidationException", message, 400, null);
  }

  static ApiError notFound(String table) {
    return new ApiError(
        "ResourceNotFoundException",
        "Requested resource not found: Table: " + table + " not found",
        400,
        null);
  }

  static ApiError conditionFailed() {
    return new ApiError(
        "ConditionalCheckFailedException", "The conditional request failed", 400, null);
  }

  String type() {
    return type;
  }

  int status() {
    return status;
  }

  ObjectNode extra() {
    return extra;
  }
}
