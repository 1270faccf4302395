package dev.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.engine.ProjectFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code fanout lambda serve} refuses to start without a built function, saying how to build it.
 */
class LambdaServeCommandTest {
  @TempDir Path dir;

  private static Path template() {
    return ProjectFiles.root().orElseThrow().resolve("template.yaml");
  }

  @Test
  void missingZip_exitsWithUsage_andTheBuildCommand() {
    CommandLine cli = FanoutMain.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));

    int code =
        cli.execute(
            "lambda",
            "serve",
            "--template",
            template().toString(),
            "--zip",
            dir.resolve("function.zip").toString());

    assertThat(code).isEqualTo(FanoutMain.USAGE);
    assertThat(err.toString())
        .contains("no function.zip at " + dir.resolve("function.zip"))
        .contains("./mvnw -q -B -pl functions/lambda -am package -DskipTests");
  }

  @Test
  void oldIdleTimeoutSpelling_stillWorks_withOneDeprecationLine() {
    CliTest.Result result =
        CliTest.fanout(
            "lambda",
            "serve",
            "--idle-timeout-s",
            "30",
            "--template",
            template().toString(),
            "--zip",
            dir.resolve("function.zip").toString());

    // It got as far as looking for the zip: the old option was taken.
    assertThat(result.exit()).isEqualTo(FanoutMain.USAGE);
    assertThat(result.err().lines().filter(line -> line.contains("deprecated")))
        .singleElement()
        .asString()
        .contains("--idle-timeout-s")
        .contains("--idle-timeout 30s");
    assertThat(result.err()).contains("no function.zip at");
  }

  @Test
  void bothSpellingsOfTheIdleTimeout_areBadUsage() {
    CliTest.Result result =
        CliTest.fanout("lambda", "serve", "--idle-timeout-s", "30", "--idle-timeout", "30s");

    assertThat(result.exit()).isEqualTo(FanoutMain.USAGE);
    assertThat(result.err().lines()).singleElement().asString().contains("--idle-timeout-s");
  }
}
