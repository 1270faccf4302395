package dev.fanout.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON report, streamed task by task, holds what the report built as one tree held, in the same
 * order and spelling: {@code small-runs.json} is what the tree-building report wrote of {@link
 * SmallRuns}, the machine it ran on aside, with {@code overheadMillisPerTask} added since.
 */
class JsonReportTest {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @TempDir Path temp;

  @Test
  void theStreamedReport_equalsTheTreeBuiltOne_butForTheMachine() throws IOException {
    Path file = temp.resolve("out/report.json");

    JsonReport.write(file, SmallRuns.reports(), SmallRuns.settings());

    String written = Files.readString(file, StandardCharsets.UTF_8);
    ObjectNode streamed = (ObjectNode) MAPPER.readTree(written);
    ObjectNode before = (ObjectNode) MAPPER.readTree(resource("small-runs.json"));
    assertThat(streamed.get("machine").get("cores").asInt())
        .isEqualTo(Runtime.getRuntime().availableProcessors());
    streamed.remove("machine");
    before.remove("machine");
    // Compared as text, so that the fields' order counts too.
    assertThat(MAPPER.writeValueAsString(streamed)).isEqualTo(MAPPER.writeValueAsString(before));
    assertThat(written).startsWith("{\n  \"machine\" : {");
  }

  static String resource(String name) throws IOException {
    try (InputStream in = JsonReportTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
