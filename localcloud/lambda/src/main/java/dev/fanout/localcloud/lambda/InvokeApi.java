package dev.fanout.localcloud.lambda;

import dev.fanout.localcloud.http.HttpLoop;
import dev.fanout.localcloud.http.HttpRequest;
import dev.fanout.localcloud.http.HttpResponse;
import dev.fanout.localcloud.lambda.pool.Refusal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Lambda Invoke API as the AWS SDKs and CLI call it: {@code POST
 * /2015-03-31/functions/{name}/invocations}, with the answers AWS gives (function errors as 200
 * with {@code X-Amz-Function-Error}, throttles as 429 {@code TooManyRequestsException}, unknown
 * functions as 404 {@code ResourceNotFoundException}). Signatures are accepted unchecked. {@code
 * GET /2015-03-31/functions/} lists the functions, for {@code aws lambda list-functions}.
 */
final class InvokeApi implements HttpLoop.Handler {
  static final String FUNCTIONS = "/2015-03-31/functions/";
  private static final String INVOCATIONS = "/invocations";

  /** Lambda's largest synchronous request. */
  static final int MAX_REQUEST_BYTES = 6 * 1024 * 1024;

  /** Lambda's largest asynchronous request. */
  static final int MAX_EVENT_BYTES = 1024 * 1024;

  private final Map<String, FunctionConfig> functions;
  private final PoolShell pool;
  private final String region;

  InvokeApi(Map<String, FunctionConfig> functions, PoolShell pool, String region) {
    this.functions = Map.copyOf(functions);
    this.pool = pool;
    this.region = region;
  }

  /** The ARN a function has here: account 000000000000 in the service's region. */
  static String arn(String region, String function) {
    return "arn:aws:lambda:" + region + ":" + SamTemplate.ACCOUNT_ID + ":function:" + function;
  }

  @Override
  public HttpResponse failed(HttpRequest request, RuntimeException e) {
    // The AWS SDKs read the error type from this header.
    return HttpLoop.Handler.super
        .failed(request, e)
        .withHeader("x-amzn-ErrorType", "ServiceException");
  }

  /** The HTTP loop's own refusals (a body past 6 MB, a malformed request) in AWS's shape. */
  @Override
  public HttpResponse refused(int status, String message) {
    String requestId = UUID.randomUUID().toString();
    return status == 413
        ? tooLarge(requestId, MAX_REQUEST_BYTES)
        : error(status, "InvalidRequestContentException", requestId, ErrorBodies.apiError(message));
  }

  @Override
  public void handle(HttpLoop.Exchange exchange) {
    HttpRequest request = exchange.request();
    String path = request.path();
    if (request.method().equals("POST")
        && path.startsWith(FUNCTIONS)
        && path.endsWith(INVOCATIONS)
        && path.length() > FUNCTIONS.length() + INVOCATIONS.length()) {
      invoke(
          exchange,
          HttpRequest.percentDecode(
              path.substring(FUNCTIONS.length(), path.length() - INVOCATIONS.length())));
    } else if (request.method().equals("GET")
        && (path.equals(FUNCTIONS) || path.equals("/2015-03-31/functions"))) {
      exchange.respond(listFunctions());
    } else {
      exchange.respond(
          error(
              404,
              "UnknownOperationException",
              UUID.randomUUID().toString(),
              ErrorBodies.apiError(
                  "the local Lambda service serves Invoke (POST "
                      + FUNCTIONS
                      + "{name}/invocations) and ListFunctions only, not "
                      + request.method()
                      + " "
                      + path)));
    }
  }

  private void invoke(HttpLoop.Exchange exchange, String functionName) {
    HttpRequest request = exchange.request();
    String errorId = UUID.randomUUID().toString();
    FunctionName name = FunctionName.parse(functionName);
    String qualifier = name.qualifier();
    String queryQualifier = request.queryParameter("Qualifier").orElse(null);
    if (queryQualifier != null && !queryQualifier.isEmpty()) {
      if (qualifier != null && !qualifier.equals(queryQualifier)) {
        exchange.respond(
            error(
                400,
                "InvalidParameterValueException",
                errorId,
                ErrorBodies.apiError(
                    "The derived qualifier from the function name does not match the specified"
                        + " qualifier.")));
        return;
      }
      qualifier = queryQualifier;
    }
    FunctionConfig function = functions.get(name.function());
    if (function == null || !accepts(function, qualifier)) {
      String arn = arn(region, name.function()) + (qualifier == null ? "" : ":" + qualifier);
      exchange.respond(
          error(
              404,
              "ResourceNotFoundException",
              errorId,
              ErrorBodies.apiError("Function not found: " + arn)));
      return;
    }
    String clientContext = null;
    String encodedContext = request.header("X-Amz-Client-Context").orElse(null);
    if (encodedContext != null && !encodedContext.isEmpty()) {
      // Re-written compactly, never copied: what reaches the runtime's header is JSON AWS would
      // pass, with no byte of the caller's own (a raw CR or LF would smuggle a header).
      clientContext = ErrorBodies.compactJsonObject(decodeBase64(encodedContext.trim()));
      if (clientContext == null) {
        exchange.respond(
            error(
                400,
                "InvalidRequestContentException",
                errorId,
                ErrorBodies.apiError(
                    "Client context must be a valid Base64-encoded JSON object.")));
        return;
      }
    }
    byte[] payload = request.body();
    if (payload.length > 0 && !ErrorBodies.isJson(payload)) {
      exchange.respond(
          error(
              400,
              "InvalidRequestContentException",
              errorId,
              ErrorBodies.apiError(
                  "Could not parse request body into json: Could not parse payload into json")));
      return;
    }
    String type = request.header("X-Amz-Invocation-Type").orElse("RequestResponse");
    boolean tail = "Tail".equalsIgnoreCase(request.header("X-Amz-Log-Type").orElse(""));
    switch (type) {
      case "DryRun" ->
          exchange.respond(
              HttpResponse.of(204, HttpResponse.EMPTY).withHeader("x-amzn-RequestId", errorId));
      case "Event" -> {
        if (payload.length > MAX_EVENT_BYTES) {
          exchange.respond(tooLarge(errorId, MAX_EVENT_BYTES));
          return;
        }
        pool.invoke(
            new Call(
                function.name(),
                payload,
                qualifier,
                clientContext,
                true,
                false,
                new Call.Listener() {
                  @Override
                  public void accepted(String requestId) {
                    exchange.respond(
                        HttpResponse.of(202, HttpResponse.EMPTY)
                            .withHeader("x-amzn-RequestId", requestId));
                  }

                  @Override
                  public void refused(String requestId, Refusal reason) {
                    exchange.respond(notTaken(reason, requestId));
                  }
                }));
      }
      case "RequestResponse" -> {
        if (payload.length > MAX_REQUEST_BYTES) {
          exchange.respond(tooLarge(errorId, MAX_REQUEST_BYTES));
          return;
        }
        pool.invoke(
            new Call(
                function.name(),
                payload,
                qualifier,
                clientContext,
                false,
                tail,
                new Call.Listener() {
                  @Override
                  public void refused(String requestId, Refusal reason) {
                    exchange.respond(notTaken(reason, requestId));
                  }

                  @Override
                  public void completed(InvocationResult result) {
                    exchange.respond(answer(result, tail));
                  }
                }));
      }
      default ->
          exchange.respond(
              error(
                  400,
                  "InvalidParameterValueException",
                  errorId,
                  ErrorBodies.apiError(
                      "X-Amz-Invocation-Type must be RequestResponse, Event or DryRun, got "
                          + type)));
    }
  }

  private static boolean accepts(FunctionConfig function, String qualifier) {
    return qualifier == null
        || qualifier.equals("$LATEST")
        || (!function.alias().isEmpty() && qualifier.equals(function.alias()));
  }

  /** A finished invocation as the Invoke API answers it. */
  static HttpResponse answer(InvocationResult result, boolean tail) {
    HttpResponse response =
        HttpResponse.of(200, result.payload())
            .withHeader("Content-Type", "application/json")
            .withHeader("X-Amz-Executed-Version", "$LATEST")
            .withHeader("x-amzn-RequestId", result.requestId());
    if (result.functionError()) {
      response = response.withHeader("X-Amz-Function-Error", "Unhandled");
    }
    if (tail) {
      response = response.withHeader("X-Amz-Log-Result", LambdaLogLines.tail(result.log()));
    }
    return response;
  }

  private static HttpResponse notTaken(Refusal reason, String requestId) {
    return switch (reason) {
      case SHUTTING_DOWN ->
          error(
              503,
              "ServiceException",
              requestId,
              ErrorBodies.apiError("the local Lambda service is stopping"));
      // Reserved concurrency reached: AWS's reason for it. Otherwise the service's own caps stand
      // in for the account's concurrency limit.
      case RESERVED_CONCURRENCY ->
          throttled(requestId, "ReservedFunctionConcurrentInvocationLimitExceeded");
      case FUNCTION_CONCURRENCY, SERVICE_CAPACITY ->
          throttled(requestId, "ConcurrentInvocationLimitExceeded");
    };
  }

  private static HttpResponse throttled(String requestId, String reason) {
    return error(
        429,
        "TooManyRequestsException",
        requestId,
        ErrorBodies.apiError("Rate Exceeded.", "Reason", reason));
  }

  private static HttpResponse tooLarge(String requestId, int limit) {
    return error(
        413,
        "RequestTooLargeException",
        requestId,
        ErrorBodies.apiError(
            "Request must be smaller than " + limit + " bytes for the InvokeFunction operation"));
  }

  private static HttpResponse error(int status, String type, String requestId, String json) {
    return HttpResponse.json(status, json)
        .withHeader("x-amzn-RequestId", requestId)
        .withHeader("x-amzn-ErrorType", type);
  }

  private HttpResponse listFunctions() {
    List<Map<String, Object>> listed = new ArrayList<>();
    for (FunctionConfig function : functions.values()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("FunctionName", function.name());
      entry.put("FunctionArn", arn(region, function.name()));
      entry.put("Runtime", function.runtime());
      entry.put("Handler", function.handler());
      entry.put("MemorySize", function.memoryMb());
      entry.put("Timeout", function.timeout().toSeconds());
      entry.put("Version", "$LATEST");
      entry.put("PackageType", "Zip");
      listed.add(entry);
    }
    listed.sort(
        (a, b) ->
            String.valueOf(a.get("FunctionName")).compareTo(String.valueOf(b.get("FunctionName"))));
    return HttpResponse.of(200, ErrorBodies.bytes(Map.of("Functions", listed)))
        .withHeader("Content-Type", "application/json")
        .withHeader("x-amzn-RequestId", UUID.randomUUID().toString());
  }

  private static byte[] decodeBase64(String text) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  /**
   * A function name as the Invoke API takes it: {@code Name}, {@code Name:qualifier}, a partial ARN
   * {@code 123456789012:function:Name[:qualifier]} or a full ARN.
   */
  record FunctionName(String function, String qualifier) {
    static FunctionName parse(String raw) {
      String rest = raw;
      int marker = raw.indexOf(":function:");
      if (marker >= 0) {
        rest = raw.substring(marker + ":function:".length());
      }
      int colon = rest.indexOf(':');
      return colon < 0
          ? new FunctionName(rest, null)
          : new FunctionName(rest.substring(0, colon), rest.substring(colon + 1));
    }
  }
}
