package dev.fanout.units;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.DeadlineExceededException;
import dev.fanout.api.UnitJson;
import dev.fanout.units.ledger.LockedMemoryLedger;
import dev.fanout.units.testing.TestLoop;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TransferUnitTest {
  private final LockedMemoryLedger ledger = new LockedMemoryLedger();
  private final TransferUnit unit = new TransferUnit(ledger);

  @Test
  void transfer_reportsTheBalancesItTouched() {
    ledger.open(Map.of("bank_1", 1000L, "bank_2", 1000L));

    JsonNode out =
        unit.call(
            UnitJson.parse(
                "t",
                "{\"from\":\"bank_1\",\"to\":\"bank_2\",\"amount\":20,\"transferId\":\"t-1\"}"),
            Deadline.none());

    assertThat(out.get("status").asText()).isEqualTo("applied");
    assertThat(out.get("fromBalance").asLong()).isEqualTo(980);
    assertThat(out.get("toBalance").asLong()).isEqualTo(1020);
    assertThat(out.get("reason").isNull()).isTrue();
    assertThat(out.get("attempts").asInt()).isEqualTo(1);
  }

  @Test
  void transfer_onALoop_waitsTheVerifyTimeAndCompletesOnTheLoop() throws Exception {
    ledger.open(Map.of("a", 50L, "b", 0L));
    try (TestLoop loop = TestLoop.named("transfer-loop")) {
      JsonNode input =
          UnitJson.parse(
              "t",
              "{\"from\":\"a\",\"to\":\"b\",\"amount\":60,\"transferId\":\"x\","
                  + "\"verifyMillis\":50,\"pauseMicros\":100}");
      long started = System.nanoTime();
      TestLoop.Observed<JsonNode> call =
          loop.observe(() -> unit.callAsync(input, Deadline.none(), loop));

      assertThat(call.completionThread()).isSameAs(loop.thread());
      JsonNode out = call.result().get(5, TimeUnit.SECONDS);
      assertThat(System.nanoTime() - started)
          .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
      assertThat(out.get("status").asText()).isEqualTo("refused");
      assertThat(out.get("reason").asText()).contains("insufficient funds");
      assertThat(ledger.read(List.of("a", "b"), List.of("x")).balances())
          .isEqualTo(Map.of("a", 50L, "b", 0L));
    }
  }

  @Test
  void transfer_refusesToOutliveItsDeadline() {
    ledger.open(Map.of("a", 50L, "b", 0L));
    JsonNode input =
        UnitJson.parse(
            "t",
            "{\"from\":\"a\",\"to\":\"b\",\"amount\":1,\"transferId\":\"x\",\"verifyMillis\":500}");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> unit.call(input, () -> 100))
        .isInstanceOf(DeadlineExceededException.class);
    assertThat(ledger.read(List.of("a"), List.of()).balances()).containsEntry("a", 50L);
  }
}
