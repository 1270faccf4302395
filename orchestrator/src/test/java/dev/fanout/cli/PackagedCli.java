package dev.fanout.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
}
