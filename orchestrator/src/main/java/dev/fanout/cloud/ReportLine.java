package dev.fanout.cloud;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's REPORT log line: {@code REPORT RequestId: id\tDuration: 12.34 ms\tBilled Duration: 13
 * ms\tMemory Size: 512 MB\tMax Memory Used: 123 MB\tInit Duration: 456.78 ms}. Init Duration is
 * there on a cold start only.
 */
public record ReportLine(
    String requestId,
    double durationMillis,
    double billedMillis,
    int memorySizeMB,
    int maxMemoryMB,
    Double initMillis) {

  private static final Pattern REQUEST_ID = Pattern.compile("REPORT RequestId:\\s*(\\S+)");
  private static final Pattern DURATION = Pattern.compile("\\tDuration:\\s*([0-9.]+)\\s*ms");
  private static final Pattern BILLED = Pattern.compile("Billed Duration:\\s*([0-9.]+)\\s*ms");
  private static final Pattern MEMORY = Pattern.compile("Memory Size:\\s*(\\d+)\\s*MB");
  private static final Pattern MAX_MEMORY = Pattern.compile("Max Memory Used:\\s*(\\d+)\\s*MB");
  private static final Pattern INIT = Pattern.compile("Init Duration:\\s*([0-9.]+)\\s*ms");

  public boolean coldStart() {
    return initMillis != null;
  }

  /** The last REPORT line in a tail log, if it has one. */
  public static Optional<ReportLine> find(String log) {
    if (log == null) {
      return Optional.empty();
    }
    int at = log.lastIndexOf("REPORT RequestId:");
    if (at < 0) {
      return Optional.empty();
    }
    int end = log.indexOf('\n', at);
    String line = end < 0 ? log.substring(at) : log.substring(at, end);
    Matcher id = REQUEST_ID.matcher(line);
    Matcher duration = DURATION.matcher(line);
    Matcher billed = BILLED.matcher(line);
    if (!id.find() || !duration.find() || !billed.find()) {
      return Optional.empty();
    }
    Matcher memory = MEMORY.matcher(line);
    Matcher maxMemory = MAX_MEMORY.matcher(line);
    Matcher init = INIT.matcher(line);
    return Optional.of(
        new ReportLine(
            id.group(1),
            Double.parseDouble(duration.group(1)),
            Double.parseDouble(billed.group(1)),
            memory.find() ? Integer.parseInt(memory.group(1)) : 0,
            maxMemory.find() ? Integer.parseInt(maxMemory.group(1)) : 0,
            init.find() ? Double.parseDouble(init.group(1)) : null));
  }
}
