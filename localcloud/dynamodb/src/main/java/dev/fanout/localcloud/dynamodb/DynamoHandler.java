package dev.fanout.localcloud.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.localcloud.http.HttpLoop;
import dev.fanout.localcloud.http.HttpRequest;
import dev.fanout.localcloud.http.HttpResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * The DynamoDB JSON protocol on the HTTP loop: {@code POST /} with {@code X-Amz-Target:
 * DynamoDB_20120810.<Operation>}. The loop's thread only checks the target; the operation (parsing
 * the JSON, running it on the tables, writing the answer) runs on {@code operations}, which answers
 * the exchange, since a Scan of a large table or a 16 MB request would hold up every other client
 * of the loop.
 */
final class DynamoHandler implements HttpLoop.Handler {
  private static final System.Logger LOG = System.getLogger(DynamoHandler.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TARGET_PREFIX = "DynamoDB_20120810.";

  private final DynamoApi api;
  private final Executor operations;

  DynamoHandler(DynamoApi api, Executor operations) {
    this.api = api;
    this.operations = operations;
  }

  @Override
  public void handle(HttpLoop.Exchange exchange) {
    HttpRequest request = exchange.request();
    String target = request.header("X-Amz-Target").orElse("");
    if (!request.method().equals("POST") || !target.startsWith(TARGET_PREFIX)) {
      exchange.respond(
          answer(
              new ApiError(
                  "UnknownOperationException",
                  "expected a POST with X-Amz-Target: " + TARGET_PREFIX + "<Operation>",
                  400,
                  null)));
      return;
    }
    String operation = target.substring(TARGET_PREFIX.length());
    operations.execute(() -> exchange.respond(call(operation, request.body())));
  }

  /**
   * What the loop refuses itself, in DynamoDB's error shape so that the SDKs name it: a request
   * over 16 MB is a 413 {@code ValidationException}, a connection past the cap a 503 the SDKs
   * retry.
   */
  @Override
  public HttpResponse refused(int status, String message) {
    String type = status == 503 ? "ServiceUnavailable" : "ValidationException";
    return answer(new ApiError(type, message, status, null));
  }

  @Override
  public HttpResponse failed(HttpRequest request, RuntimeException e) {
    return answer(new ApiError("InternalServerError", String.valueOf(e), 500, null));
  }

  private HttpResponse call(String operation, byte[] body) {
    try {
      JsonNode parsed = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
      return response(200, api.call(operation, parsed));
    } catch (ApiError error) {
      return answer(error);
    } catch (IOException e) {
      return answer(
          new ApiError(
              "SerializationException", "the body is not JSON: " + e.getMessage(), 400, null));
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, operation + " failed", e);
      return answer(new ApiError("InternalServerError", String.valueOf(e), 500, null));
    }
  }

  private static HttpResponse answer(ApiError error) {
    ObjectNode body = JSON.createObjectNode();
    body.put("__type", "com.amazonaws.dynamodb.v20120810#" + error.type());
    body.put("message", error.getMessage());
    if (error.extra() != null) {
      body.setAll(error.extra());
    }
    return response(error.status(), body);
  }

  private static HttpResponse response(int status, ObjectNode body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree Jackson built: " + e, e);
    }
    return HttpResponse.of(status, bytes)
        .withHeader("Content-Type", "application/x-amz-json-1.0")
        .withHeader("x-amzn-RequestId", UUID.randomUUID().toString());
  }
}
