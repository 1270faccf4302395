package dev.fanout.localcloud.lambda;

import dev.fanout.localcloud.http.HttpLoop;
import dev.fanout.localcloud.http.HttpRequest;
import dev.fanout.localcloud.http.HttpResponse;
import dev.fanout.localcloud.lambda.pool.InstanceId;
import dev.fanout.localcloud.lambda.pool.Outcome;
import dev.fanout.localcloud.lambda.pool.PoolEvent;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The Lambda Runtime API of one instance: its own endpoint, so every request on it comes from that
 * instance's runtime. It reports what the runtime does as pool events; the pool answers.
 *
 * <ul>
 *   <li>{@code GET /2018-06-01/runtime/invocation/next}: answered when an event is there;
 *   <li>{@code POST /2018-06-01/runtime/invocation/{id}/response} and {@code .../error};
 *   <li>{@code POST /2018-06-01/runtime/init/error}.
 * </ul>
 */
final class RuntimeApi implements HttpLoop.Handler {
  static final String PREFIX = "/2018-06-01/runtime/";
  private static final String INVOCATION = PREFIX + "invocation/";

  private final InstanceId instance;
  private final Consumer<PoolEvent> events;

  RuntimeApi(InstanceId instance, Consumer<PoolEvent> events) {
    this.instance = instance;
    this.events = events;
  }

  @Override
  public void handle(HttpLoop.Exchange exchange) {
    HttpRequest request = exchange.request();
    String path = request.path();
    boolean post = request.method().equals("POST");
    if (request.method().equals("GET") && path.equals(INVOCATION + "next")) {
      events.accept(new PoolEvent.NextRequested(instance, exchange, exchange.connection()));
    } else if (post && path.startsWith(INVOCATION) && path.endsWith("/response")) {
      String id = path.substring(INVOCATION.length(), path.length() - "/response".length());
      events.accept(
          new PoolEvent.ResultPosted(
              instance, id, new Outcome.Succeeded(request.body()), exchange));
    } else if (post && path.startsWith(INVOCATION) && path.endsWith("/error")) {
      String id = path.substring(INVOCATION.length(), path.length() - "/error".length());
      String errorType = request.header("Lambda-Runtime-Function-Error-Type").orElse(null);
      events.accept(
          new PoolEvent.ResultPosted(
              instance,
              id,
              new Outcome.Failed(errorDocument(errorType, request.body())),
              exchange));
    } else if (post && path.equals(PREFIX + "init/error")) {
      String errorType = request.header("Lambda-Runtime-Function-Error-Type").orElse(null);
      events.accept(
          new PoolEvent.InitErrorPosted(
              instance, errorDocument(errorType, request.body()), exchange));
    } else {
      exchange.respond(
          HttpResponse.of(
                  404,
                  ErrorBodies.functionError(
                      "InvalidRequest",
                      "no such Runtime API route: " + request.method() + " " + path))
              .withHeader("Content-Type", "application/json"));
    }
  }

  @Override
  public void abandoned(HttpLoop.Exchange exchange) {
    events.accept(new PoolEvent.NextAbandoned(instance, exchange));
  }

  @Override
  public void disconnected(Object connection, boolean reset) {
    events.accept(new PoolEvent.RuntimeDisconnected(instance, connection, reset));
  }

  /** The error as the caller gets it: the runtime's JSON, or its text wrapped in Lambda's shape. */
  static byte[] errorDocument(String errorType, byte[] body) {
    if (ErrorBodies.isJson(body)) {
      return body;
    }
    return ErrorBodies.functionError(
        errorType == null || errorType.isBlank() ? "Runtime.Unknown" : errorType,
        new String(body, StandardCharsets.UTF_8));
  }
}
