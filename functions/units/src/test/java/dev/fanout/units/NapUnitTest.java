package dev.fanout.units;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.UnitJson;
import dev.fanout.units.testing.TestLoop;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NapUnitTest {
  private final NapUnit unit = new NapUnit();

  @Test
  void nap_blockingReturnsSleptMillisAfterAtLeastThatLong() {
    long started = System.nanoTime();
    JsonNode out = unit.call(UnitJson.parse("test", "{\"millis\": 60}"), Deadline.none());
    long elapsedNanos = System.nanoTime() - started;

    assertThat(out.get("sleptMillis").asLong()).isEqualTo(60);
    assertThat(elapsedNanos).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(60));
  }

  @Test
  void nap_asyncReturnsSleptMillisAfterAtLeastThatLongOnTheLoop() throws Exception {
    try (TestLoop loop = TestLoop.named("nap-loop")) {
      JsonNode input = UnitJson.parse("test", "{\"millis\": 60}");
      long started = System.nanoTime();
      TestLoop.Observed<JsonNode> call =
          loop.observe(() -> unit.callAsync(input, Deadline.none(), loop));

      Thread completedOn = call.completionThread();
      long elapsedNanos = System.nanoTime() - started;
      JsonNode out = call.result().get(5, TimeUnit.SECONDS);

      assertThat(out.get("sleptMillis").asLong()).isEqualTo(60);
      assertThat(elapsedNanos).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(60));
      assertThat(completedOn).isSameAs(loop.thread());
    }
  }

  @Test
  void nap_ofZeroMillisReturnsZero() {
    assertThat(unit.run(new NapUnit.Input(0), Deadline.none()).sleptMillis()).isZero();
  }
}
