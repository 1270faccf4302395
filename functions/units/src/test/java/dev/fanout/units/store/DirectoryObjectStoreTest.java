package dev.fanout.units.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.units.StoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DirectoryObjectStoreTest {
  private static final byte[] BYTES = "jpeg bytes".getBytes(StandardCharsets.UTF_8);

  @TempDir Path outside;

  private Path root;
  private DirectoryObjectStore store;

  @BeforeEach
  void createStore() {
    root = outside.resolve("store");
    store = new DirectoryObjectStore(root);
  }

  private static long filesUnder(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void put_writesTheBytesUnderTheKeyAndReturnsThePath() throws Exception {
    String storedAt = store.put("images/7.jpg", BYTES, "image/jpeg");

    Path expected = root.resolve("images").resolve("7.jpg");
    assertThat(storedAt).isEqualTo(expected.toString());
    assertThat(Files.readAllBytes(expected)).isEqualTo(BYTES);
    assertThat(filesUnder(outside)).isEqualTo(1);
  }

  @Test
  void put_replacesWhatWasThere() throws Exception {
    store.put("images/7.jpg", "old".getBytes(StandardCharsets.UTF_8), "image/jpeg");
    store.put("images/7.jpg", BYTES, "image/jpeg");

    assertThat(Files.readAllBytes(root.resolve("images/7.jpg"))).isEqualTo(BYTES);
    assertThat(filesUnder(root)).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"../escape", "images/../../escape", "..", "", ".", "/tmp/escape"})
  void put_refusesKeysThatLeaveTheRoot(String key) throws Exception {
    assertThatThrownBy(() -> store.put(key, BYTES, "image/jpeg"))
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e.errorType()).isEqualTo("StoreFailed"))
        .hasMessageContaining("key '" + key + "' would leave the store directory " + root);
    assertThat(filesUnder(outside)).isZero();
    assertThat(outside.resolve("escape")).doesNotExist();
  }

  @Test
  void put_resolvesDotDotThatStaysInside() throws Exception {
    String storedAt = store.put("images/../flat.jpg", BYTES, "image/jpeg");

    assertThat(storedAt).isEqualTo(root.resolve("flat.jpg").toString());
    assertThat(Files.readAllBytes(root.resolve("flat.jpg"))).isEqualTo(BYTES);
  }

  @Test
  void root_isAbsoluteAndNormalized() {
    DirectoryObjectStore relative = new DirectoryObjectStore(Path.of("a/./b/../c"));

    assertThat(relative.root()).isAbsolute().isEqualTo(Path.of("a/c").toAbsolutePath());
  }
}
