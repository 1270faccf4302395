package dev.fanout.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The probe of the cores a JVM's threads can get, and the mean of two probes. */
class CoreShareTest {
  @Test
  void aProbe_givesOneThreadAndEachOfAllCoresAShareOfACore() {
    CoreShare share = CoreShare.probe(Runtime.getRuntime().availableProcessors(), 5);

    assertThat(share).isNotNull();
    assertThat(share.oneThread()).isBetween(0.01, 1.0);
    assertThat(share.eachOfAllCores()).isBetween(0.01, 1.0);
  }

  @Test
  void twoProbes_meanEachShare() {
    CoreShare mean = new CoreShare(1.0, 0.5).meanWith(new CoreShare(0.5, 0.25));

    assertThat(mean).isEqualTo(new CoreShare(0.75, 0.375));
  }

  @Test
  void aShareOutsideACore_isRefused() {
    assertThatThrownBy(() -> new CoreShare(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CoreShare(1, 1.5)).isInstanceOf(IllegalArgumentException.class);
  }
}
