package dev.fanout.localcloud.lambda;

import dev.fanout.localcloud.http.HttpLoop;
import java.util.concurrent.ScheduledFuture;

/**
 * One function instance: a child JVM running the Runtime Interface Client against its own Runtime
 * API endpoint. Its state belongs to its {@link FunctionPool} and is guarded by the pool's lock;
 * the launcher sets the process fields once, before or while the child starts.
 */
final class Instance {
  /** How old a reading of the peak memory may be for a REPORT line. */
  static final long PEAK_REFRESH_NANOS = 100_000_000L;

  final int id;
  final String name;

  // Set by the launcher.
  volatile long startNanos;
  volatile Process process;
  volatile InstanceLog log;
  volatile HttpLoop.Listener runtimeApi;

  // Guarded by the pool's lock.
  /** The runtime's {@code GET /next}, waiting for an event. */
  HttpLoop.Exchange pendingNext;

  /** The invocation given to this instance: waiting for its next {@code GET /next}, or running. */
  Invocation current;

  /** Answered, but its log is complete only at the runtime's next {@code GET /next}. */
  Invocation finishing;

  /** True once the runtime asked for its first event: init is over. */
  boolean ready;

  double initMillis = Double.NaN;
  boolean servedAny;
  boolean inIdle;
  long idleSinceNanos;

  /** True once the instance left the pool (stopped, timed out, exited). */
  boolean gone;

  /** What the runtime posted to {@code /init/error}, if it did. */
  byte[] initError;

  ScheduledFuture<?> initTimer;

  // Read and written by whoever finishes this instance's invocations, one at a time.
  private volatile long peakMb;
  private volatile long peakReadNanos;

  Instance(int id, String function) {
    this.id = id;
    this.name = function + "-" + id;
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

  long pid() {
    Process started = process;
    return started == null ? -1 : started.pid();
  }

  /** False only when the process is known to have exited. */
  boolean mayBeAlive() {
    Process started = process;
    return started == null || started.isAlive();
  }

  void kill() {
    Process started = process;
    if (started != null) {
      started.destroyForcibly();
    }
  }

  @Override
  public String toString() {
    return "instance " + name + (process == null ? "" : " (pid " + pid() + ")");
  }
}
