package dev.fanout.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.strategy.WorkerLife.State;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One worker JVM's life, decided without a process: every transition, on a fake clock. */
class WorkerLifeTest {
  private static final long START = Duration.ofSeconds(10).toNanos();
  private static final long TASK = Duration.ofSeconds(2).toNanos();

  /** The clock's reading, in nanoseconds: the tests move it by hand. */
  private long now = 1_000;

  private WorkerLife starting() {
    return WorkerLife.starting(now, START);
  }

  private WorkerLife idle() {
    WorkerLife life = starting();
    life.ready();
    return life;
  }

  private WorkerLife busy() {
    WorkerLife life = idle();
    life.sent(now, TASK);
    return life;
  }

  private WorkerLife hung() {
    WorkerLife life = busy();
    now += TASK;
    assertThat(life.overdue(now)).isTrue();
    return life;
  }

  private WorkerLife dead() {
    WorkerLife life = busy();
    life.died();
    return life;
  }

  @Test
  void starting_isWatchedUntilItsStartDeadline() {
    WorkerLife life = starting();

    assertThat(life.state()).isEqualTo(State.STARTING);
    assertThat(life.overdue(now + START - 1)).isFalse();
    assertThat(life.state()).isEqualTo(State.STARTING);
  }

  @Test
  void starting_ready_becomesIdle() {
    WorkerLife life = starting();

    assertThat(life.ready()).isTrue();

    assertThat(life.state()).isEqualTo(State.IDLE);
  }

  @Test
  void starting_pastItsStartDeadline_becomesHung() {
    WorkerLife life = starting();

    assertThat(life.overdue(now + START)).isTrue();

    assertThat(life.state()).isEqualTo(State.HUNG);
  }

  @Test
  void hungAtStart_readyTooLate_doesNotCount_andItStaysHung() {
    WorkerLife life = starting();
    life.overdue(now + START);

    assertThat(life.ready()).isFalse();

    assertThat(life.state()).isEqualTo(State.HUNG);
  }

  @Test
  void starting_died_becomesDead() {
    WorkerLife life = starting();

    assertThat(life.died()).isEqualTo(State.DEAD);

    assertThat(life.state()).isEqualTo(State.DEAD);
  }

  @Test
  void idle_isNeverOverdue_howeverLongItWaits() {
    WorkerLife life = idle();

    assertThat(life.overdue(now + 1000 * START)).isFalse();
    assertThat(life.state()).isEqualTo(State.IDLE);
  }

  @Test
  void idle_sent_becomesBusyUntilTheTaskDeadline() {
    WorkerLife life = idle();

    life.sent(now, TASK);

    assertThat(life.state()).isEqualTo(State.BUSY);
    assertThat(life.overdue(now + TASK - 1)).isFalse();
    assertThat(life.state()).isEqualTo(State.BUSY);
  }

  @Test
  void idle_died_becomesDead() {
    WorkerLife life = idle();

    assertThat(life.died()).isEqualTo(State.DEAD);
  }

  @Test
  void idle_stopped_becomesStopped() {
    WorkerLife life = idle();

    life.stopped();

    assertThat(life.state()).isEqualTo(State.STOPPED);
  }

  @Test
  void busy_answered_becomesIdle_andTheAnswerCounts() {
    WorkerLife life = busy();

    assertThat(life.answered()).isTrue();

    assertThat(life.state()).isEqualTo(State.IDLE);
  }

  @Test
  void busy_atItsTaskDeadline_becomesHung() {
    WorkerLife life = busy();

    assertThat(life.overdue(now + TASK)).isTrue();

    assertThat(life.state()).isEqualTo(State.HUNG);
  }

  @Test
  void busy_nextTaskGetsADeadlineOfItsOwn_fromWhenItIsSent() {
    WorkerLife life = busy();
    now += TASK - 1;
    life.answered();

    life.sent(now, TASK);

    assertThat(life.overdue(now + TASK - 1)).isFalse();
    assertThat(life.overdue(now + TASK)).isTrue();
  }

  @Test
  void busy_died_becomesDead() {
    WorkerLife life = busy();

    assertThat(life.died()).isEqualTo(State.DEAD);
  }

  @Test
  void hung_answerTooLate_doesNotCount_andItStaysHung() {
    WorkerLife life = hung();

    assertThat(life.answered()).isFalse();

    assertThat(life.state()).isEqualTo(State.HUNG);
  }

  @Test
  void hung_itsDeathIsTheKill_soItStaysHung() {
    WorkerLife life = hung();

    assertThat(life.died()).isEqualTo(State.HUNG);
  }

  @Test
  void hung_isOverdueOnlyOnce_soItIsKilledOnce() {
    WorkerLife life = hung();

    assertThat(life.overdue(now + TASK)).isFalse();
  }

  @Test
  void hung_replaced_becomesReplaced() {
    WorkerLife life = hung();

    life.replaced();

    assertThat(life.state()).isEqualTo(State.REPLACED);
  }

  @Test
  void hung_retired_becomesRetired() {
    WorkerLife life = hung();

    life.retired();

    assertThat(life.state()).isEqualTo(State.RETIRED);
  }

  @Test
  void dead_replaced_becomesReplaced() {
    WorkerLife life = dead();

    life.replaced();

    assertThat(life.state()).isEqualTo(State.REPLACED);
  }

  @Test
  void dead_retired_becomesRetired() {
    WorkerLife life = dead();

    life.retired();

    assertThat(life.state()).isEqualTo(State.RETIRED);
  }

  @Test
  void dead_isNeverOverdue() {
    WorkerLife life = dead();

    assertThat(life.overdue(now + 1000 * TASK)).isFalse();
    assertThat(life.state()).isEqualTo(State.DEAD);
  }

  @Test
  void aLiveWorker_cannotBeReplaced_andAGoneOneTakesNoTask() {
    assertThatThrownBy(() -> busy().replaced())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("BUSY");
    assertThatThrownBy(() -> idle().retired()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> dead().sent(now, TASK))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("DEAD");
    assertThatThrownBy(() -> busy().sent(now, TASK)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> idle().answered()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> starting().stopped()).isInstanceOf(IllegalStateException.class);
  }
}
