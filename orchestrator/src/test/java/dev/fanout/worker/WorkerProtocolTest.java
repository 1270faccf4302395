package dev.fanout.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.plan.LedgerSettings;
import dev.fanout.plan.UnitSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The worker's settings as the protocol's first line: one JSON object, read back as they were. */
class WorkerProtocolTest {
  static Stream<UnitSettings> settings() {
    UnitSettings local =
        new UnitSettings(
            URI.create("http://127.0.0.1:41235/pokedex/"),
            Path.of("/tmp/fanout images"),
            Duration.ofMillis(30_000),
            10L << 20,
            LedgerSettings.memory(true),
            List.of());
    return Stream.of(
        local,
        local.withUnitJars(List.of(Path.of("/home/me/my units/wordcount.jar"), Path.of("b.jar"))),
        local.withLedger(LedgerSettings.memory(false)),
        local.withLedger(
            LedgerSettings.dynamoDb("fanout-bank-1", URI.create("http://[::1]:8000"), "us-east-1")),
        local.withLedger(LedgerSettings.dynamoDb("stack-LedgerTable-1A2B", null, "eu-west-1")));
  }

  @ParameterizedTest
  @MethodSource("settings")
  void settings_goAsOneJsonLine_andComeBackEqual(UnitSettings settings) throws Exception {
    String line = WorkerProtocol.write(WorkerProtocol.Settings.of(settings));

    assertThat(line).doesNotContain("\n");
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("fetchTimeoutMillis").asLong()).isEqualTo(30_000);
    assertThat(json.get("ledgerKind").asText()).isEqualTo(settings.ledger().kind().label());
    assertThat(WorkerProtocol.readSettings(line).unitSettings()).isEqualTo(settings);
  }

  @Test
  void settings_withoutATableEndpointOrRegion_sayNull_notADash() throws Exception {
    UnitSettings memory = settings().findFirst().orElseThrow();

    JsonNode json =
        new ObjectMapper().readTree(WorkerProtocol.write(WorkerProtocol.Settings.of(memory)));

    assertThat(json.get("ledgerTable").isNull()).isTrue();
    assertThat(json.get("ledgerEndpoint").isNull()).isTrue();
    assertThat(json.get("ledgerRegion").isNull()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:41235/pokedex/ /tmp 30000 10485760 locked - -",
        "{\"ready\":true,\"pid\":12}",
        "{\"pokedexBase\":\"http://x/\",\"imageDir\":\"/tmp\",\"fetchTimeoutMillis\":1000}",
        "{\"pokedexBase\":\"http://x/\",\"imageDir\":\"/tmp\",\"fetchTimeoutMillis\":\"soon\","
            + "\"maxResponseBytes\":1,\"ledgerKind\":\"locked\",\"ledgerTable\":null,"
            + "\"ledgerEndpoint\":null,\"ledgerRegion\":null}",
        "{\"index\":0,\"unit\":\"fib\",\"input\":{\"n\":3}}"
      })
  void aLineThatIsNotWholeSettings_isRefusedInOneLine(String line) {
    assertThatThrownBy(() -> WorkerProtocol.readSettings(line))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the first line must be the worker's settings")
        .hasMessageNotContaining("\n");
  }

  @Test
  void settingsThatNoOrchestratorSends_areRefused() {
    String noLedgerKind =
        "{\"pokedexBase\":\"http://x/\",\"imageDir\":\"/tmp\",\"fetchTimeoutMillis\":1000,"
            + "\"maxResponseBytes\":1,\"ledgerKind\":null,\"ledgerTable\":null,"
            + "\"ledgerEndpoint\":null,\"ledgerRegion\":null,\"unitJars\":[]}";
    String paperLedger = noLedgerKind.replace("\"ledgerKind\":null", "\"ledgerKind\":\"paper\"");

    assertThatThrownBy(() -> WorkerProtocol.readSettings(noLedgerKind).unitSettings())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ledgerKind");
    assertThatThrownBy(() -> WorkerProtocol.readSettings(paperLedger).unitSettings())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("paper");
  }
}
