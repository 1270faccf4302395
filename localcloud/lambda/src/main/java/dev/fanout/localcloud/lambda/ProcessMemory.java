package dev.fanout.localcloud.lambda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's peak resident memory, for the REPORT line's Max Memory Used. */
final class ProcessMemory {
  private ProcessMemory() {}

  /**
   * The peak resident set of {@code pid} in MB, rounded up, from {@code /proc/<pid>/status}
   * (VmHWM), or -1 when it cannot be read (not Linux, or the process is gone).
   */
  static long peakMb(long pid) {
    if (pid <= 0) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          long kb = Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
          return (kb + 1023) / 1024;
        }
      }
      return -1;
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }
}
