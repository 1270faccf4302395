package dev.fanout.localcloud.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionZipTest {
  private static final String HANDLER =
      "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
  private static final String HANDLER_CLASS =
      "io/quarkus/amazon/lambda/runtime/QuarkusStreamHandler.class";
  private static final List<FunctionConfig> FIB =
      List.of(
          new FunctionConfig(
              "FibFunction", HANDLER, "java21", 1024, Duration.ofSeconds(60), Map.of(), 0, ""));

  @TempDir Path dir;

  @Test
  void theHandlerClassInALibraryJar_isAFunctionZip() throws IOException {
    Path zip =
        write(
            "function.zip",
            zipOf(
                Map.of(
                    "dev/fanout/lambda/FibHandler.class", text("x"),
                    "lib/io.quarkus.quarkus-amazon-lambda-3.25.3.jar",
                        zipOf(Map.of(HANDLER_CLASS, text("handler"))))));

    assertThatCode(() -> FunctionZip.check(zip, FIB)).doesNotThrowAnyException();
  }

  @Test
  void theHandlerClassAtTheRoot_isAFunctionZip() throws IOException {
    Path zip = write("function.zip", zipOf(Map.of(HANDLER_CLASS, text("handler"))));

    assertThatCode(() -> FunctionZip.check(zip, FIB)).doesNotThrowAnyException();
  }

  @Test
  void aZipWithoutTheHandlerClass_isRefused_namingTheClassAndTheFunction() throws IOException {
    Path zip =
        write(
            "function.zip",
            zipOf(
                Map.of(
                    "lib/org.example.other-1.0.jar",
                    zipOf(Map.of("org/example/Other.class", text("other"))),
                    // Deeper than lib/: not on the runtime's class path.
                    "lib/nested/io.quarkus.quarkus-amazon-lambda-3.25.3.jar",
                    zipOf(Map.of(HANDLER_CLASS, text("handler"))))));

    assertThatThrownBy(() -> FunctionZip.check(zip, FIB))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            zip
                + " has no io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler, the handler of"
                + " FibFunction, at its root or in its lib/*.jar");
  }

  @Test
  void aFileThatIsNotAZip_isRefused() throws IOException {
    Path zip = write("function.zip", text("not a zip"));

    assertThatThrownBy(() -> FunctionZip.check(zip, FIB))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(zip + " is not a zip file");
  }

  @Test
  void aDirectoryOrNothing_isRefused() throws IOException {
    Path directory = Files.createDirectory(dir.resolve("function.zip"));

    assertThatThrownBy(() -> FunctionZip.check(directory, FIB))
        .hasMessage(directory + " is a directory, not a function.zip");
    assertThatThrownBy(() -> FunctionZip.check(dir.resolve("none.zip"), FIB))
        .hasMessage("no function.zip at " + dir.resolve("none.zip"));
  }

  @Test
  void aLibraryThatIsNotAJar_holdsNothing() {
    assertThat(FunctionZip.jarHolds(text("PK not really"))).isEmpty();
    assertThat(FunctionZip.jarHolds(new byte[0])).isEmpty();
  }

  @Test
  void classFile_ofAHandler_withOrWithoutItsMethod() {
    assertThat(FunctionZip.classFile(HANDLER)).isEqualTo(HANDLER_CLASS);
    assertThat(FunctionZip.classFile("example.Handler")).isEqualTo("example/Handler.class");
  }

  @Test
  void theBuiltFunctionZip_isAccepted_ifThereIsOne() {
    Path built = Path.of("..", "..", "functions", "lambda", "target", "function.zip");
    if (Files.isRegularFile(built)) {
      assertThatCode(() -> FunctionZip.check(built, FIB)).doesNotThrowAnyException();
    }
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static byte[] text(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] zipOf(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(entry.getKey()));
        out.write(entry.getValue());
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
