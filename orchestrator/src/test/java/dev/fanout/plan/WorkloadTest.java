package dev.fanout.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class WorkloadTest {
  private final Workload fib = Workloads.create("fib", URI.create("http://127.0.0.1:1"), 0);

  @Test
  void sample_spreadsOverTheWholeList() {
    Workload sample = fib.sample(5);

    assertThat(sample.size()).isEqualTo(5);
    assertThat(sample.inputs().stream().map(input -> input.get("n").asInt()))
        .containsExactly(1, 10, 18, 27, 35);
    assertThat(sample.unit()).isEqualTo("fib");
  }

  @Test
  void sample_ofAtLeastTheWholeList_isTheList() {
    assertThat(fib.sample(35)).isSameAs(fib);
    assertThat(fib.sample(1).inputs().getFirst().get("n").asInt()).isEqualTo(1);
    assertThatThrownBy(() -> fib.sample(0)).hasMessageContaining("at least 1");
  }
}
