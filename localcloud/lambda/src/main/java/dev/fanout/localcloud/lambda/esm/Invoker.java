package dev.fanout.localcloud.lambda.esm;

import java.util.concurrent.CompletableFuture;

/** How an event source mapping invokes its function: synchronously, as AWS's pollers do. */
public interface Invoker {
  /** Invokes {@code function} with {@code payload}; the future ends with how it went. */
  CompletableFuture<Result> invoke(String function, byte[] payload);

  /**
   * How an invocation went.
   *
   * @param throttled true when it was not taken (the function or the service at its limit)
   * @param functionError true when the function failed (thrown, timed out, crashed)
   * @param payload the function's answer, or its error document
   * @param requestId the invocation's id, empty when throttled
   */
  record Result(boolean throttled, boolean functionError, byte[] payload, String requestId) {
    public static Result throttled(String why) {
      return new Result(true, false, why.getBytes(java.nio.charset.StandardCharsets.UTF_8), "");
    }
  }
}
