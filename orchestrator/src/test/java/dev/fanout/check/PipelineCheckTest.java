package dev.fanout.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.pipeline.Hold;
import dev.fanout.pipeline.MenuRun;
import dev.fanout.pipeline.OrderOutcome;
import dev.fanout.pipeline.QueueTrace;
import dev.fanout.strategy.kind.StrategyKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineCheckTest {
  private static OrderOutcome served(int order) {
    return new OrderOutcome(order, 0, 10, null);
  }

  private static MenuRun run(
      List<OrderOutcome> outcomes, List<QueueTrace> queues, List<Hold> holds) {
    return new MenuRun(
        "salads", StrategyKind.THREADS, 3, 0, 100, outcomes, List.of(), queues, holds, Map.of());
  }

  @Test
  void everyOrderOnce_noQueuePastItsBound_noBowlHeldTwice_isClean() {
    MenuRun run =
        run(
            List.of(served(1), served(2), new OrderOutcome(3, 0, 5, "FetchFailed: down")),
            List.of(),
            List.of(new Hold("bowl 1", "a", 1, 0, 5), new Hold("bowl 1", "b", 2, 5, 9)));

    assertThat(PipelineCheck.violations(run)).isEmpty();
  }

  @Test
  void aLostOrder_aDoubledOne_andAFailureWithNoReason_areEachNamed() {
    MenuRun run =
        run(List.of(served(1), served(1), new OrderOutcome(2, 0, 5, null)), List.of(), List.of());

    assertThat(PipelineCheck.violations(run))
        .containsExactlyInAnyOrder(
            "1 orders neither served nor failed, e.g. order 3", "order 1 finished 2 times");
  }

  @Test
  void aBowlInTwoPairsOfHands_isNamed() {
    MenuRun run =
        run(
            List.of(served(1), served(2), served(3)),
            List.of(),
            List.of(
                new Hold("bowl 2", "maker 1", 1, 0, 10), new Hold("bowl 2", "maker 2", 2, 9, 12)));

    assertThat(PipelineCheck.violations(run))
        .containsExactly("bowl 2 held by maker 2 while maker 1 still held it");
  }

  @Test
  void aBoundedQueuePastItsBound_isNamed() {
    QueueTrace over =
        QueueTrace.of(
            "open orders",
            5,
            List.of(
                new QueueTrace.Sample(0, 5),
                new QueueTrace.Sample(1, 6),
                new QueueTrace.Sample(2, 4)));
    MenuRun run = run(List.of(served(1), served(2), served(3)), List.of(over), List.of());

    assertThat(PipelineCheck.violations(run))
        .containsExactly("open orders held 6, past its bound of 5");
  }
}
