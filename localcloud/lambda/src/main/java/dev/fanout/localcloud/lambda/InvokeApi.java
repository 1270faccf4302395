package dev.fanout.localcloud.lambda;

import dev.fanout.localcloud.http.HttpLoop;
import dev.fanout.localcloud.http.HttpRequest;
import dev.fanout.localcloud.http.HttpResponse;
import dev.fanout.localcloud.lambda.pool.Refusal;
import dev.fanout.localcloud.template.Stack;
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
 * functions as 404 {@code ResourceNotFoundException}). The function is named as AWS takes it: a
 * name, a partial ARN or a full ARN, of the service's own region and account. Signatures are
 * accepted unchecked. {@code GET /2015-03-31/functions/} lists the functions, for {@code aws lambda
 * list-functions}.
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
  private final String partition;

  InvokeApi(Map<String, FunctionConfig> functions, PoolShell pool, String region) {
    this.functions = Map.copyOf(functions);
    this.pool = pool;
    this.region = region;
    // aws, or aws-cn and aws-us-gov in their regions.
    this.partition = Stack.local(region, Map.of()).partition();
  }

  /** The ARN a function has here: account 000000000000 in the service's region. */
  static String arn(String region, String function) {
    return FunctionName.arn(
        Stack.local(region, Map.of()).partition(), region, SamTemplate.ACCOUNT_ID, function);
  }

  private String arn(String function) {
    return FunctionName.arn(partition, region, SamTemplate.ACCOUNT_ID, function);
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
    FunctionName name = FunctionName.parse(functionName).orElse(null);
    if (name == null) {
      // AWS validates FunctionName against its pattern before anything else: 400.
      exchange.respond(
          error(
              400,
              "ValidationException",
              errorId,
              ErrorBodies.message(
                  "1 validation error detected: Value '"
                      + functionName
                      + "' at 'functionName' failed to satisfy constraint: Member must satisfy"
                      + " regular expression pattern: "
                      + FunctionName.AWS_PATTERN)));
      return;
    }
    HttpResponse elsewhere = elsewhere(name, errorId);
    if (elsewhere != null) {
      exchange.respond(elsewhere);
      return;
    }
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
      String arn = arn(name.function()) + (qualifier == null ? "" : ":" + qualifier);
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

  /**
   * How AWS answers an ARN that is not of the service's own region and account; null for one that
   * is. A function is regional: the Invoke API of one region reaches only that region's functions,
   * and AWS answers an ARN of another region 404 ResourceNotFoundException ("The resource specified
   * in the request does not exist", the Invoke API's documented error), saying "Functions from 'R'
   * are not reachable in this region ('S')". A function of another account is invoked only where
   * its resource-based policy grants the caller lambda:InvokeFunction; the service holds one
   * account and grants nothing to others, so such an ARN is 403 AccessDeniedException, as AWS
   * answers a caller without that permission (without saying whether the function exists).
   */
  private HttpResponse elsewhere(FunctionName name, String requestId) {
    if (name.region() != null && !name.region().equals(region)) {
      return error(
          404,
          "ResourceNotFoundException",
          requestId,
          ErrorBodies.apiError(
              "Functions from '"
                  + name.region()
                  + "' are not reachable in this region ('"
                  + region
                  + "')"));
    }
    if (name.partition() != null && !name.partition().equals(partition)) {
      return error(
          404,
          "ResourceNotFoundException",
          requestId,
          ErrorBodies.apiError(
              "Functions of partition '"
                  + name.partition()
                  + "' are not reachable in this region ('"
                  + region
                  + "', partition '"
                  + partition
                  + "')"));
    }
    if (name.account() != null && !name.account().equals(SamTemplate.ACCOUNT_ID)) {
      String resource =
          FunctionName.arn(partition, region, name.account(), name.function())
              + (name.qualifier() == null ? "" : ":" + name.qualifier());
      return error(
          403,
          "AccessDeniedException",
          requestId,
          ErrorBodies.message(
              "User: arn:"
                  + partition
                  + ":iam::"
                  + SamTemplate.ACCOUNT_ID
                  + ":root is not authorized to perform: lambda:InvokeFunction on resource: "
                  + resource
                  + " because no resource-based policy allows the lambda:InvokeFunction action"));
    }
    return null;
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
      entry.put("FunctionArn", arn(function.name()));
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
}
