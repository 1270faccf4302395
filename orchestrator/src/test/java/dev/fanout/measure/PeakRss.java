package dev.fanout.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command's peak resident set size, as the kernel counts it. GNU time's maximum resident set size
 * (from the process's own accounting at its exit) where {@code /usr/bin/time} is GNU's; elsewhere
 * the process's {@code VmHWM} in {@code /proc}, read every 10 ms until it exits, which misses what
 * the last few milliseconds added.
 */
final class PeakRss {
  private static final Path GNU_TIME = Path.of("/usr/bin/time");

  private final boolean gnuTime;

  private PeakRss(boolean gnuTime) {
    this.gnuTime = gnuTime;
  }

  /** GNU time when it answers here, else sampling {@code /proc}. */
  static PeakRss onThisMachine(Path work) throws IOException, InterruptedException {
    if (!Files.isExecutable(GNU_TIME)) {
      return new PeakRss(false);
    }
    Path out = work.resolve("time-check.txt");
    Process check =
        new ProcessBuilder(GNU_TIME.toString(), "-f", "%M", "-o", out.toString(), "true")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    boolean gnu =
        check.waitFor(10, TimeUnit.SECONDS)
            && check.exitValue() == 0
            && Files.readString(out).strip().matches("[0-9]+");
    return new PeakRss(gnu);
  }

  String how() {
    return gnuTime
        ? "GNU time's maximum resident set size of the command"
        : "VmHWM of the command's JVM in /proc, read every 10 ms (install GNU time for exact"
            + " figures)";
  }

  /** A command that ran, with its peak RSS in KB and its exit code. */
  record Measured(long peakKb, int exit) {}

  /**
   * Runs {@code command} to its end, its output to {@code log}.
   *
   * @param environment added to this process's own
   */
  Measured run(List<String> command, Map<String, String> environment, Path log)
      throws IOException, InterruptedException {
    Path peakFile = log.resolveSibling(log.getFileName() + ".rss");
    List<String> measured = new ArrayList<>();
    if (gnuTime) {
      measured.addAll(List.of(GNU_TIME.toString(), "-f", "%M", "-o", peakFile.toString()));
    }
    measured.addAll(command);
    ProcessBuilder builder =
        new ProcessBuilder(measured).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (gnuTime) {
      int exit = process.waitFor();
      return new Measured(Long.parseLong(Files.readString(peakFile).strip()), exit);
    }
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
    } catch (NoSuchFileException e) {
      return 0; // it has just ended
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + status + ": " + e, e);
    }
    return 0;
  }
}
