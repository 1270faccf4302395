package dev.fanout.localcloud.lambda.pool;

import java.time.Duration;

/** The errors the service itself ends invocations with, in AWS's words. */
final class AwsErrors {
  private AwsErrors() {}

  static Outcome.Stopped timedOut(String requestId, Duration timeout) {
    return new Outcome.Stopped(
        "Sandbox.Timedout",
        "RequestId: "
            + requestId
            + " Error: Task timed out after "
            + timeout.toSeconds()
            + ".00 seconds");
  }

  static Outcome.Stopped exited(String requestId, int exitCode) {
    return runtimeExited(requestId, exitDescription(exitCode));
  }

  static Outcome.Stopped serviceStopped(String requestId) {
    return runtimeExited(requestId, "the local Lambda service stopped");
  }

  static Outcome.Stopped cannotStart(String requestId, String function, String reason) {
    return new Outcome.Stopped(
        "Runtime.Unknown",
        "RequestId: "
            + requestId
            + " Error: cannot start an instance of "
            + function
            + ": "
            + reason);
  }

  static Outcome.Stopped askedAgainWithoutAnswering(String requestId) {
    return new Outcome.Stopped(
        "Runtime.InvalidResponse",
        "RequestId: "
            + requestId
            + " Error: the runtime asked for the next event without answering this one");
  }

  static Outcome.Stopped responseTooLarge(int bytes) {
    return new Outcome.Stopped(
        "Function.ResponseSizeTooLarge",
        "Response payload size ("
            + bytes
            + " bytes) exceeded maximum allowed payload size ("
            + PoolLimits.MAX_RESPONSE_BYTES
            + " bytes).");
  }

  /** AWS's words for a runtime that exited: by signal (Java reports 128 + n) or by status. */
  static String exitDescription(int exitCode) {
    return switch (exitCode) {
      case 128 + 9 -> "signal: killed";
      case 128 + 15 -> "signal: terminated";
      case 128 + 6 -> "signal: aborted";
      case 128 + 11 -> "signal: segmentation fault";
      default -> "exit status " + exitCode;
    };
  }

  private static Outcome.Stopped runtimeExited(String requestId, String why) {
    return new Outcome.Stopped(
        "Runtime.ExitError",
        "RequestId: " + requestId + " Error: Runtime exited with error: " + why);
  }
}
