package dev.fanout.localcloud.lambda.pool;

/** How an invocation ended, for its caller. */
public sealed interface Outcome {
  /** The function's response. */
  record Succeeded(byte[] payload) implements Outcome {}

  /** An error the runtime reported, as the JSON document the caller gets. */
  record Failed(byte[] document) implements Outcome {}

  /** An error the service decided (a timeout, an exit, a response too large): AWS's words. */
  record Stopped(String errorType, String errorMessage) implements Outcome {}

  /** True for every outcome the caller sees as {@code X-Amz-Function-Error: Unhandled}. */
  default boolean functionError() {
    return !(this instanceof Succeeded);
  }
}
