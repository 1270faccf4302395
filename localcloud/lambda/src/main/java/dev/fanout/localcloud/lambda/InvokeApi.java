package dev.fanout.localcloud.lambda;

import dev.fanout.localcloud.http.HttpLoop;
import dev.fanout.localcloud.http.HttpRequest;
import dev.fanout.localcloud.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

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

  private final Map<String, FunctionPool> pools;
  private final String region;
  private final LongSupplier nanoTime;

  InvokeApi(Map<String, FunctionPool> pools, String region, LongSupplier nanoTime) {
    this.pools = Map.copyOf(pools);
    this.region = region;
    this.nanoTime = nanoTime;
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
    FunctionPool pool = pools.get(name.function());
    if (pool == null || !accepts(pool.function(), qualifier)) {
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
      try {
        String decoded =
            new String(Base64.getDecoder().decode(encodedContext.trim()), StandardCharsets.UTF_8);
        // It reaches the runtime as a header: JSON's line breaks and tabs are whitespace that a
        // space replaces, and any other control character is no JSON (and would break the header).
        clientContext = decoded.replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
        if (clientContext.chars().anyMatch(Character::isISOControl)) {
          throw new IllegalArgumentException("a control character in the client context");
        }
      } catch (IllegalArgumentException e) {
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
        Invocation invocation =
            new Invocation(
                payload, qualifier, clientContext, true, false, nanoTime.getAsLong(), result -> {});
        FunctionPool.Admission admission = pool.admit(invocation);
        if (admission == FunctionPool.Admission.ACCEPTED
            || admission == FunctionPool.Admission.QUEUED) {
          exchange.respond(
              HttpResponse.of(202, HttpResponse.EMPTY)
                  .withHeader("x-amzn-RequestId", invocation.requestId));
        } else {
          exchange.respond(refused(pool, admission, invocation.requestId));
        }
      }
      case "RequestResponse" -> {
        if (payload.length > MAX_REQUEST_BYTES) {
          exchange.respond(tooLarge(errorId, MAX_REQUEST_BYTES));
          return;
        }
        Invocation invocation =
            new Invocation(
                payload,
                qualifier,
                clientContext,
                false,
                tail,
                nanoTime.getAsLong(),
                result -> exchange.respond(answer(result, tail)));
        FunctionPool.Admission admission = pool.admit(invocation);
        if (admission != FunctionPool.Admission.ACCEPTED) {
          exchange.respond(refused(pool, admission, invocation.requestId));
        }
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

  private static HttpResponse refused(
      FunctionPool pool, FunctionPool.Admission admission, String requestId) {
    if (admission == FunctionPool.Admission.CLOSED) {
      return error(
          503,
          "ServiceException",
          requestId,
          ErrorBodies.apiError("the local Lambda service is stopping"));
    }
    // Reserved concurrency reached: AWS's reason for it. Otherwise the service's own cap stands
    // in for the account's concurrency limit.
    String reason =
        admission == FunctionPool.Admission.THROTTLED_FUNCTION
                && pool.function().reserved().isPresent()
            ? "ReservedFunctionConcurrentInvocationLimitExceeded"
            : "ConcurrentInvocationLimitExceeded";
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
    List<Map<String, Object>> functions = new ArrayList<>();
    for (FunctionPool pool : pools.values()) {
      FunctionConfig function = pool.function();
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("FunctionName", function.name());
      entry.put("FunctionArn", arn(region, function.name()));
      entry.put("Runtime", function.runtime());
      entry.put("Handler", function.handler());
      entry.put("MemorySize", function.memoryMb());
      entry.put("Timeout", function.timeout().toSeconds());
      entry.put("Version", "$LATEST");
      entry.put("PackageType", "Zip");
      functions.add(entry);
    }
    functions.sort(
        (a, b) ->
            String.valueOf(a.get("FunctionName")).compareTo(String.valueOf(b.get("FunctionName"))));
    return HttpResponse.of(200, ErrorBodies.bytes(Map.of("Functions", functions)))
        .withHeader("Content-Type", "application/json")
        .withHeader("x-amzn-RequestId", UUID.randomUUID().toString());
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
