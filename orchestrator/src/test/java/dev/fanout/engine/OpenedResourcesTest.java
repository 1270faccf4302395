package dev.fanout.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenedResourcesTest {
  @Test
  void closesInTheReverseOrderOfOpening_everyOneEvenWhenSomeFail() {
    List<String> closed = new ArrayList<>();
    OpenedResources opened = new OpenedResources();
    opened.add(() -> closed.add("origin"));
    opened.add(
        () -> {
          closed.add("ledger");
          throw new IOException("disk gone");
        });
    assertThat((AutoCloseable) opened.add(null)).isNull();
    opened.add(
        () -> {
          closed.add("journal");
          throw new IllegalStateException("journal stuck");
        });

    assertThatThrownBy(opened::close)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("journal stuck")
        .satisfies(
            e ->
                assertThat(e.getSuppressed())
                    .singleElement()
                    .satisfies(s -> assertThat(s).hasMessageContaining("disk gone")));
    assertThat(closed).containsExactly("journal", "ledger", "origin");
  }

  @Test
  void closingTwice_closesNothingTwice() {
    List<String> closed = new ArrayList<>();
    OpenedResources opened = new OpenedResources();
    opened.add(() -> closed.add("runtime"));

    opened.close();
    opened.close();

    assertThat(closed).containsExactly("runtime");
  }
}
