package dev.fanout.forecast;

import java.util.List;
import java.util.PriorityQueue;

/**
 * A fan-out to Lambda as a schedule: the invoker sends the tasks as fast as it can issue them; each
 * goes to an idle environment, or to a new one (cold: its init first) while the concurrency limit
 * and the scaling rate allow, or waits for one to free (a throttle, retried). Pure: the same inputs
 * give the same answer, and nothing runs.
 */
public final class LambdaModel {
  private LambdaModel() {}

  /**
   * Where the tasks run.
   *
   * @param environments the most environments at once: the account's concurrency on AWS, the
   *     instance cap in the local emulation
   * @param scalingBurst environments that can start at once from idle
   * @param scalingRefillPerSecond environments that may start per second past the burst
   * @param cpuShare the share of a core each invocation computes with
   * @param initMillis a cold start's init, before its first handler call
   * @param overheadMillis per invocation between the invoker and the handler, both ways
   * @param issuePerSecond invocations the invoker can send per second (the lower of its own rate
   *     and the service's request rate limit)
   */
  public record Setup(
      int environments,
      int scalingBurst,
      double scalingRefillPerSecond,
      double cpuShare,
      double initMillis,
      double overheadMillis,
      double issuePerSecond) {
    public Setup {
      if (environments < 1 || cpuShare <= 0 || issuePerSecond <= 0) {
        throw new IllegalArgumentException(
            "environments, CPU share and issue rate must be positive");
      }
    }
  }

  /**
   * What the schedule came to.
   *
   * @param wallMillis from the first invocation sent to the last answer
   * @param coldStarts environments started, each with one init
   * @param billedHandlerMillis handler durations, each rounded up to the ms as Lambda bills them
   * @param billedInitMillis init durations, likewise
   */
  public record Outcome(
      double wallMillis, long coldStarts, double billedHandlerMillis, double billedInitMillis) {}

  /** {@code tasks} tasks, the i-th doing the work of {@code profile[i mod size]}. */
  public static Outcome run(List<TaskWork> profile, long tasks, Setup setup) {
    if (profile.isEmpty() || tasks < 1) {
      throw new IllegalArgumentException("a forecast needs at least one task and its work");
    }
    double issueInterval = 1000.0 / setup.issuePerSecond();
    long most = Math.min(setup.environments(), tasks);
    PriorityQueue<Double> idleFrom = new PriorityQueue<>();
    long started = 0;
    double wall = 0;
    double handlers = 0;
    for (long i = 0; i < tasks; i++) {
      double sent = i * issueInterval;
      Double firstIdle = idleFrom.peek();
      double start;
      boolean cold = false;
      if (firstIdle != null && firstIdle <= sent) {
        start = sent;
        idleFrom.poll();
      } else if (started < most) {
        double canStart = Math.max(sent, startableAt(started, setup));
        if (firstIdle != null && firstIdle <= canStart) {
          start = firstIdle;
          idleFrom.poll();
        } else {
          start = canStart;
          cold = true;
          started++;
        }
      } else {
        start = Math.max(sent, idleFrom.poll());
      }
      double handler = profile.get((int) (i % profile.size())).millisWith(setup.cpuShare());
      handlers += Math.ceil(handler);
      double end = start + setup.overheadMillis() + (cold ? setup.initMillis() : 0) + handler;
      idleFrom.add(end);
      wall = Math.max(wall, end);
    }
    return new Outcome(wall, started, handlers, started * Math.ceil(setup.initMillis()));
  }

  /** When the n-th environment (from 0) may start: the burst at once, then at the refill rate. */
  static double startableAt(long n, Setup setup) {
    if (n < setup.scalingBurst()) {
      return 0;
    }
    return 1000.0 * (n - setup.scalingBurst() + 1) / setup.scalingRefillPerSecond();
  }

  /** The price of an outcome: requests, plus GB-seconds of handler (and init, where billed). */
  public static double costUsd(
      Outcome outcome, long tasks, int memoryMB, Arch arch, LambdaFigures figures) {
    double billedMillis =
        outcome.billedHandlerMillis() + (figures.initBilled() ? outcome.billedInitMillis() : 0);
    double gbSeconds = billedMillis / 1000.0 * (memoryMB / 1024.0);
    return gbSeconds * figures.perGbSecond(arch) + tasks * figures.pricePerRequest();
  }
}
