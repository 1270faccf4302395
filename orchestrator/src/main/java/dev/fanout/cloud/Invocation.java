package dev.fanout.cloud;

import java.util.Optional;

/**
 * The answer to one task's invocation, after any throttle retries.
 *
 * @param payload the function's response: its output, or its error object
 * @param functionError Lambda's X-Amz-Function-Error ("Unhandled"), or null on success
 * @param attempts how many invocations were sent (throttled ones included)
 * @param answeredAttemptNanos when the attempt that was answered was sent (System.nanoTime)
 */
public record Invocation(
    String requestId,
    String payload,
    String functionError,
    ReportLine report,
    int attempts,
    long answeredAttemptNanos) {

  public Optional<ReportLine> reportLine() {
    return Optional.ofNullable(report);
  }
}
