package dev.fanout.localcloud.lambda;

import dev.fanout.localcloud.http.HttpLoop;
import dev.fanout.localcloud.http.HttpRequest;
import dev.fanout.localcloud.http.HttpResponse;

/**
 * The Lambda Runtime API of one instance: its own endpoint, so every request on it comes from that
 * instance's runtime. It forwards the runtime's calls to the instance's {@link FunctionPool}.
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

  private final Instance instance;
  private final FunctionPool pool;

  RuntimeApi(Instance instance, FunctionPool pool) {
    this.instance = instance;
    this.pool = pool;
  }

  @Override
  public void handle(HttpLoop.Exchange exchange) {
    HttpRequest request = exchange.request();
    String path = request.path();
    boolean post = request.method().equals("POST");
    if (request.method().equals("GET") && path.equals(INVOCATION + "next")) {
      pool.onNext(instance, exchange);
    } else if (post && path.startsWith(INVOCATION) && path.endsWith("/response")) {
      String id = path.substring(INVOCATION.length(), path.length() - "/response".length());
      pool.onResult(instance, id, request.body(), false, null, exchange);
    } else if (post && path.startsWith(INVOCATION) && path.endsWith("/error")) {
      String id = path.substring(INVOCATION.length(), path.length() - "/error".length());
      String errorType = request.header("Lambda-Runtime-Function-Error-Type").orElse(null);
      pool.onResult(instance, id, request.body(), true, errorType, exchange);
    } else if (post && path.equals(PREFIX + "init/error")) {
      pool.onInitError(instance, request.body(), exchange);
    } else {
      exchange.respond(
          HttpResponse.json(
              404,
              "{\"errorMessage\":\"no such Runtime API route: "
                  + request.method()
                  + " "
                  + path.replace("\"", "")
                  + "\",\"errorType\":\"InvalidRequest\"}"));
    }
  }

  @Override
  public void abandoned(HttpLoop.Exchange exchange) {
    pool.onNextAbandoned(instance, exchange);
  }

  @Override
  public void disconnected(Object connection, boolean reset) {
    pool.onRuntimeDisconnected(instance, connection, reset);
  }
}
