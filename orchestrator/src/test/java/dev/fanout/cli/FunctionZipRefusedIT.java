package dev.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.engine.ProjectFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code lambda serve} and {@code lambda invoke} given something that is not a function.zip: the
 * packaged CLI in a child JVM says so in one line and exits 2, having started nothing (no child
 * process outlives it) and left nothing behind (its temporary directory stays empty).
 */
class FunctionZipRefusedIT {
  @TempDir Path temp;

  @ParameterizedTest
  @CsvSource({
    "serve, text, is not a zip file",
    "serve, empty-zip, has no",
    "serve, other-jar, has no",
    "serve, directory, is a directory",
    "serve, missing, no function.zip at",
    "invoke, text, is not a zip file",
    "invoke, other-jar, has no"
  })
  void notAFunctionZip_isOneLineAndExitTwo_withNothingStartedOrLeft(
      String command, String kind, String says) throws Exception {
    Path zip = notAFunctionZip(kind);
    Path tmp = Files.createDirectory(temp.resolve("tmp"));
    List<String> args = new ArrayList<>(List.of("lambda", command));
    if (command.equals("invoke")) {
      args.add("FibFunction");
    } else {
      args.addAll(List.of("--port", "0", "--sqs-port", "0"));
    }
    args.addAll(
        List.of(
            "--template",
            ProjectFiles.root().orElseThrow().resolve("template.yaml").toString(),
            "--zip",
            zip.toString()));

    Path err = temp.resolve("err.txt");
    Process process =
        new ProcessBuilder(command(tmp, args))
            .redirectOutput(temp.resolve("out.txt").toFile())
            .redirectError(err.toFile())
            .start();
    boolean exited = process.waitFor(60, TimeUnit.SECONDS);
    List<ProcessHandle> children = process.descendants().toList();
    if (!exited) {
      children.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
    }

    assertThat(exited).as("refused at once, not served: " + Files.readString(err)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(err)).isEqualTo(FanoutMain.USAGE);
    assertThat(Files.readString(err).lines())
        .singleElement()
        .asString()
        .startsWith("fanout: ")
        .contains(zip.toString())
        .contains(says);
    assertThat(children).as("processes started").isEmpty();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).as("left in the temporary directory").isEmpty();
    }
  }

  private Path notAFunctionZip(String kind) throws IOException {
    Path path = temp.resolve("function.zip");
    switch (kind) {
      case "text" -> Files.writeString(path, "not a zip\n");
      case "empty-zip" -> zip(path, "README.txt");
      case "other-jar" -> zip(path, "com/example/Other.class", "lib/org.example.other-1.0.jar");
      case "directory" -> Files.createDirectory(path);
      case "missing" -> {}
      default -> throw new IllegalArgumentException(kind);
    }
    return path;
  }

  /** A zip of {@code entries}; a {@code .jar} entry is a jar of one class of its own. */
  private static void zip(Path path, String... entries) throws IOException {
    try (OutputStream file = Files.newOutputStream(path)) {
      file.write(zipOf(entries));
    }
  }

  private static byte[] zipOf(String... entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (String entry : entries) {
        out.putNextEntry(new ZipEntry(entry));
        out.write(
            entry.endsWith(".jar")
                ? zipOf("org/example/Other.class")
                : entry.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static List<String> command(Path tmp, List<String> args) {
    return PackagedCli.command(List.of("-Djava.io.tmpdir=" + tmp), args);
  }
}
