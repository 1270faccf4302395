package dev.fanout.localcloud.lambda;

import dev.fanout.localcloud.http.HttpLoop;
import dev.fanout.localcloud.lambda.pool.InstanceId;

/**
 * The process side of one function instance: a child JVM running the Runtime Interface Client
 * against its own Runtime API endpoint, and the file its output goes to. The launcher sets the
 * fields once, while the child starts; what the instance is doing is the pool's business.
 */
final class InstanceProcess {
  /** How old a reading of the peak memory may be for a REPORT line. */
  static final long PEAK_REFRESH_NANOS = 100_000_000L;

  final InstanceId id;

  volatile Process process;
  volatile InstanceLog log;
  volatile HttpLoop.Listener runtimeApi;

  // Read and written by whoever writes this instance's logs, one at a time.
  private volatile long peakMb;
  private volatile long peakReadNanos;

  InstanceProcess(InstanceId id) {
    this.id = id;
  }

  String name() {
    return id.name();
  }

  /** The peak resident memory last read, in MB (0 before the first read). */
  long peakMb() {
    return peakMb;
  }

  /**
   * Reads the peak resident memory again when {@code force} or when the last reading is older than
   * {@link #PEAK_REFRESH_NANOS}: reading /proc costs tens of microseconds per invocation.
   */
  void refreshPeakMemory(boolean force, long now) {
    if (force || peakReadNanos == 0 || now - peakReadNanos >= PEAK_REFRESH_NANOS) {
      long peak = ProcessMemory.peakMb(pid());
      if (peak > 0) {
        peakMb = peak;
      }
      peakReadNanos = now;
    }
  }

  /** What the runtime printed since the last call; empty before its log exists. */
  String readNewOutput() {
    InstanceLog current = log;
    return current == null ? "" : current.readNew();
  }

  long pid() {
    Process started = process;
    return started == null ? -1 : started.pid();
  }

  void kill() {
    Process started = process;
    if (started != null) {
      started.destroyForcibly();
    }
  }

  @Override
  public String toString() {
    return "instance " + name() + (process == null ? "" : " (pid " + pid() + ")");
  }
}
