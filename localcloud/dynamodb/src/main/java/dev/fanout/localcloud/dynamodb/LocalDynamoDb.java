package dev.fanout.localcloud.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * fanout's local DynamoDB: the DynamoDB JSON API (the operations {@link DynamoApi} lists) on
 * 127.0.0.1, tables in memory, for runs with neither AWS nor an emulator of one's own. Any AWS SDK
 * client pointed at {@link #endpoint()} with any credentials talks to it; worker JVMs and Lambda
 * instances share it as they would share a table. It is an emulator of the API, not DynamoDB:
 * signatures are not checked, and there are no capacity limits, indexes or streams.
 */
public final class LocalDynamoDb implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TARGET_PREFIX = "DynamoDB_20120810.";

  private final HttpServer server;
  private final ExecutorService requests;
  private final DynamoApi api;

  private LocalDynamoDb(HttpServer server, ExecutorService requests, DynamoApi api) {
    this.server = server;
    this.requests = requests;
    this.api = api;
  }

  /** Starts on 127.0.0.1 on a free port. */
  public static LocalDynamoDb start() {
    return start("127.0.0.1", 0, 0);
  }

  /**
   * @param port 0 for any free port
   * @param conflictEvery cancel every Nth TransactWriteItems with TransactionConflict, as DynamoDB
   *     does under contention, so that callers' retries are exercised (0: never)
   */
  public static LocalDynamoDb start(String host, int port, int conflictEvery) {
    if (conflictEvery < 0) {
      throw new IllegalArgumentException(
          "conflictEvery must not be negative, got " + conflictEvery);
    }
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 256);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start the local DynamoDB on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
    DynamoApi api = new DynamoApi(conflictEvery);
    LocalDynamoDb local = new LocalDynamoDb(server, requests, api);
    server.setExecutor(requests);
    server.createContext("/", local::handle);
    server.start();
    return local;
  }

  public URI endpoint() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getHostString() + ":" + address.getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream body = exchange.getRequestBody()) {
      byte[] request = body.readAllBytes();
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      int status = 200;
      ObjectNode answer;
      try {
        if (!"POST".equals(exchange.getRequestMethod())
            || target == null
            || !target.startsWith(TARGET_PREFIX)) {
          throw new ApiError(
              "UnknownOperationException",
              "expected a POST with X-Amz-Target: " + TARGET_PREFIX + "<Operation>",
              400,
              null);
        }
        JsonNode parsed = request.length == 0 ? JSON.createObjectNode() : JSON.readTree(request);
        answer = api.call(target.substring(TARGET_PREFIX.length()), parsed);
      } catch (ApiError error) {
        status = error.status();
        answer = errorBody(error);
      } catch (IOException | RuntimeException e) {
        status = e instanceof IOException ? 400 : 500;
        answer =
            errorBody(
                new ApiError(
                    status == 400 ? "SerializationException" : "InternalServerError",
                    String.valueOf(e.getMessage()),
                    status,
                    null));
      }
      byte[] bytes = JSON.writeValueAsBytes(answer);
      exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
      exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static ObjectNode errorBody(ApiError error) {
    ObjectNode body = JSON.createObjectNode();
    body.put("__type", "com.amazonaws.dynamodb.v20120810#" + error.type());
    body.put("message", error.getMessage());
    if (error.extra() != null) {
      body.setAll(error.extra());
    }
    return body;
  }

  @Override
  public void close() {
    server.stop(0);
    requests.shutdownNow();
  }
}
