package dev.fanout.localcloud.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/** The lines Lambda adds to a function's log, in AWS's format, and the tail an Invoke returns. */
final class LambdaLogLines {
  /** How much of the log {@code X-Amz-Log-Result} carries. */
  static final int TAIL_BYTES = 4096;

  private LambdaLogLines() {}

  static String start(String requestId) {
    return "START RequestId: " + requestId + " Version: $LATEST\n";
  }

  static String end(String requestId) {
    return "END RequestId: " + requestId + "\n";
  }

  /**
   * The REPORT line: durations with two decimals, billed duration rounded up to the millisecond,
   * Init Duration only for a cold start ({@code initMillis} not NaN), and a status such as {@code
   * "timeout"} when the invocation did not end normally.
   */
  static String report(
      String requestId,
      double durationMillis,
      int memoryMb,
      long maxMemoryUsedMb,
      double initMillis,
      String status) {
    StringBuilder line = new StringBuilder(200);
    line.append("REPORT RequestId: ")
        .append(requestId)
        .append("\tDuration: ")
        .append(String.format(Locale.ROOT, "%.2f", durationMillis))
        .append(" ms\tBilled Duration: ")
        .append(billedMillis(durationMillis))
        .append(" ms\tMemory Size: ")
        .append(memoryMb)
        .append(" MB\tMax Memory Used: ")
        .append(maxMemoryUsedMb)
        .append(" MB");
    if (!Double.isNaN(initMillis)) {
      line.append("\tInit Duration: ")
          .append(String.format(Locale.ROOT, "%.2f", initMillis))
          .append(" ms");
    }
    if (!status.isEmpty()) {
      line.append("\tStatus: ").append(status);
    }
    return line.append('\n').toString();
  }

  /** Lambda bills by the millisecond, rounding up, and at least 1 ms. */
  static long billedMillis(double durationMillis) {
    return Math.max(1, (long) Math.ceil(durationMillis - 1e-9));
  }

  /** The line Lambda logs when it stops an invocation at its timeout. */
  static String timedOut(Instant now, String requestId, long timeoutSeconds) {
    return now + " " + requestId + " Task timed out after " + timeoutSeconds + ".00 seconds\n";
  }

  /** {@code X-Amz-Log-Result}: the last 4 KB of the log, base64-encoded. */
  static String tail(String log) {
    byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
    byte[] last =
        bytes.length <= TAIL_BYTES
            ? bytes
            : Arrays.copyOfRange(bytes, bytes.length - TAIL_BYTES, bytes.length);
    return Base64.getEncoder().encodeToString(last);
  }
}
