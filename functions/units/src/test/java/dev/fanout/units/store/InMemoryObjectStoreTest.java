package dev.fanout.units.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InMemoryObjectStoreTest {
  private final InMemoryObjectStore store = new InMemoryObjectStore();

  @Test
  void put_thenGetRoundTripsTheBytes() {
    byte[] bytes = "image".getBytes(StandardCharsets.UTF_8);

    String storedAt = store.put("images/1.jpg", bytes, "image/jpeg");

    assertThat(storedAt).isEqualTo("memory:images/1.jpg");
    assertThat(store.get("images/1.jpg"))
        .hasValueSatisfying(got -> assertThat(got).isEqualTo(bytes));
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void get_ofAnUnknownKeyIsEmpty() {
    assertThat(store.get("images/404.jpg")).isEmpty();
  }

  @Test
  void put_replacesWhatWasThere() {
    store.put("k", new byte[] {1}, "image/jpeg");
    store.put("k", new byte[] {2, 3}, "image/jpeg");

    assertThat(store.get("k")).hasValueSatisfying(got -> assertThat(got).containsExactly(2, 3));
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void storedBytesAreCopiesOnTheWayInAndOut() {
    byte[] bytes = {1, 2, 3};
    store.put("k", bytes, "application/octet-stream");
    bytes[0] = 9;
    store.get("k").orElseThrow()[1] = 9;

    assertThat(store.get("k")).hasValueSatisfying(got -> assertThat(got).containsExactly(1, 2, 3));
  }
}
