package dev.fanout.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The peak resident set size of a command's own process: its {@code VmHWM} in {@code /proc}, read
 * every 10 ms until it exits (the kernel's high-water mark, so only what the last few milliseconds
 * before the exit added can be missed). Not GNU time's maximum resident set size: that counts the
 * largest of the process and the children it waited for, and the local Lambda service's instances
 * are the orchestrator's children.
 */
final class PeakRss {
  private PeakRss() {}

  static String how() {
    return "VmHWM of the command's JVM in /proc, read every 10 ms (its children, such as Lambda"
        + " instances, not counted)";
  }

  /** A command that ran, with its peak RSS in KB and its exit code. */
  record Measured(long peakKb, int exit) {}

  /**
   * Runs {@code command} to its end, its output to {@code log}.
   *
   * @param environment added to this process's own
   */
  static Measured run(List<String> command, Map<String, String> environment, Path log)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    // scripts/fanout execs the JVM: the same process, whose high-water mark starts again at exec.
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    long peak = 0;
    while (!process.waitFor(10, TimeUnit.MILLISECONDS)) {
      peak = Math.max(peak, vmHwmKb(status));
    }
    return new Measured(peak, process.exitValue());
  }

  private static long vmHwmKb(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return 0; // ended, not yet reaped: no memory left to count
    } catch (NoSuchFileException e) {
      return 0; // it has just ended
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + status + ": " + e, e);
    }
  }
}
