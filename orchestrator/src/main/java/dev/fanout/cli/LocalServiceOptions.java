package dev.fanout.cli;

import dev.fanout.engine.InstanceLimit;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The local Lambda service's own options: part of {@link LambdaOptions}, and all that {@code lambda
 * serve} takes of it, since a service it serves itself has no endpoint, AWS or deployed names.
 */
final class LocalServiceOptions {
  @Option(
      names = "--max-instances",
      paramLabel = "N",
      description =
          "Instances per function of the local Lambda service: a function's concurrency without"
              + " reserved concurrency (default: two per core in a run; for 'lambda serve' four"
              + " per core, within memory; at most what this machine's memory holds, 256 MB an"
              + " instance after 1 GB, and never above 1000).")
  Integer maxInstances;

  @Option(
      names = "--idle-timeout",
      paramLabel = "DURATION",
      description =
          "How long an idle instance of the local Lambda service lives before it is stopped, e.g."
              + " 90s, 5m, 500ms (default: the service's own, 5m).")
  String idleTimeout;

  /** Checks the values picocli's types cannot; the message names the option. */
  void validate() {
    if (maxInstances != null) {
      instances("--max-instances", maxInstances);
    }
    idleTimeout();
  }

  /**
   * Refuses a number of instances this machine cannot start, naming the option and the limit: the
   * one check of --max-instances in every command, and of lambda serve's --reserved.
   */
  static void instances(String option, int instances) {
    InstanceLimit limit = InstanceLimit.ofThisMachine();
    if (instances < 1 || instances > limit.instances()) {
      throw new IllegalArgumentException(
          option
              + " must be from 1 to "
              + limit.instances()
              + " on this machine, got "
              + instances
              + ": "
              + limit.reason());
    }
  }

  /** The idle timeout given; null to leave the service's own. */
  Duration idleTimeout() {
    return idleTimeout == null ? null : OptionChecks.duration("--idle-timeout", idleTimeout);
  }
}
