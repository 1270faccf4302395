package dev.fanout.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.units.FetchException;
import dev.fanout.units.FibUnit;
import dev.fanout.units.StoreException;
import dev.fanout.units.store.ObjectStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaClientsTest {

  @Test
  void byDefault_fetchesMayReachOnlyPublicAddresses() {
    var policy = LambdaClients.policy(TestSettings.defaults(false, Optional.empty()));

    assertThatThrownBy(() -> policy.check(URI.create("http://169.254.169.254/latest/meta-data/")))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining("link-local");
    assertThatThrownBy(() -> policy.check(URI.create("http://127.0.0.1:8080/pages/jython")))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining("loopback");
  }

  @Test
  void allowLocalTargets_letsFetchesReachTheLocalOrigin() {
    var policy = LambdaClients.policy(TestSettings.defaults(true, Optional.empty()));

    assertThatNoException()
        .isThrownBy(() -> policy.check(URI.create("http://127.0.0.1:8080/pages/jython")));
  }

  @Test
  void imageDir_storesImagesAsFiles(@TempDir Path dir) throws Exception {
    ObjectStore store =
        LambdaClients.imageStore(TestSettings.defaults(true, Optional.of(dir)).image());

    String where = store.put("images/1.png", new byte[] {1, 2}, "image/png");

    assertThat(Path.of(where)).isEqualTo(dir.resolve("images/1.png"));
    assertThat(Files.readAllBytes(dir.resolve("images/1.png"))).containsExactly(1, 2);
  }

  @Test
  void noImageStoreConfigured_failsAsStoreFailed_sayingWhatToSet() {
    ObjectStore store =
        LambdaClients.imageStore(TestSettings.defaults(true, Optional.empty()).image());

    assertThatThrownBy(() -> store.put("images/1.png", new byte[] {1}, "image/png"))
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e.errorType()).isEqualTo("StoreFailed"))
        .hasMessageContaining("FANOUT_IMAGE_BUCKET")
        .hasMessageContaining("FANOUT_IMAGE_DIR");
  }

  @Test
  void clients_wireEveryUnitByName() {
    LambdaClients clients = new LambdaClients(TestSettings.defaults(false, Optional.empty()));
    try {
      assertThat(clients.unit("fib")).isInstanceOf(FibUnit.class);
      assertThatThrownBy(() -> clients.unit("fibonacci"))
          .hasMessageContaining("no unit called 'fibonacci'");
    } finally {
      clients.close();
    }
  }
}
