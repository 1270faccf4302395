package dev.fanout.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged CLI, target/fanout.jar, run in a child JVM as scripts/fanout runs it. */
final class PackagedCli {
  private PackagedCli() {}

  /** The command line running {@code args}, with {@code jvmOptions} before the jar. */
  static List<String> command(List<String> jvmOptions, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (Runtime.version().feature() >= 23) {
      // As scripts/fanout does: Netty and Pekko still use sun.misc.Unsafe, which JDK 23+ warns of.
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.add("-Dfanout.home=" + Path.of("..").toAbsolutePath().normalize());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(Path.of("target", "fanout.jar").toAbsolutePath().toString());
    command.addAll(args);
    return command;
  }

  /** The command line running {@code args}. */
  static List<String> command(String... args) {
    return command(List.of(), List.of(args));
  }

  /**
   * Kills {@code run} with SIGKILL (no shutdown hook, no report) once its journal holds {@code
   * lines} tasks, or after a minute; returns how many it holds then.
   */
  static long killOnceJournalled(Process run, Path journal, long lines)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (taskLines(journal) < lines && System.nanoTime() < deadline && run.isAlive()) {
      Thread.sleep(20);
    }
    run.destroyForcibly();
    run.waitFor(10, TimeUnit.SECONDS);
    return taskLines(journal);
  }

  /** How many task lines {@code journal} holds; 0 before it exists. */
  static long taskLines(Path journal) throws IOException {
    if (!Files.exists(journal)) {
      return 0;
    }
    try (var lines = Files.lines(journal)) {
      return lines.filter(l -> l.contains("\"type\":\"task\"")).count();
    }
  }
}
