package dev.fanout.localcloud.origin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class OriginImageCacheTest {

  @Test
  void get_encodesEachImageOnceAndSharesTheBytes() throws Exception {
    try (ImageCache cache = new ImageCache(8, 1 << 20, 2)) {
      byte[] first = cache.get(new ImageSpec(3, 40, 30)).get();
      byte[] second = cache.get(new ImageSpec(3, 40, 30)).get();

      assertThat(second).isSameAs(first);
      assertThat(first).isEqualTo(Images.jpeg(new ImageSpec(3, 40, 30)));
    }
  }

  @Test
  void get_evictsTheLeastRecentlyUsedBeyondTheEntryLimit() throws Exception {
    try (ImageCache cache = new ImageCache(3, 1 << 20, 1)) {
      for (int id = 0; id < 10; id++) {
        cache.get(new ImageSpec(id, 20, 20)).get();
      }

      assertThat(cache.size()).isEqualTo(3);
    }
  }

  @Test
  void get_evictsBeyondTheByteLimit() throws Exception {
    int oneImage = Images.jpeg(new ImageSpec(0, 64, 64)).length;
    try (ImageCache cache = new ImageCache(100, oneImage * 2L + oneImage / 2, 1)) {
      for (int id = 0; id < 10; id++) {
        cache.get(new ImageSpec(id, 64, 64)).get();
      }

      assertThat(cache.size()).isBetween(1, 3);
    }
  }

  @Test
  void close_failsImagesNotEncodedYetSoNobodyWaitsForever() {
    ImageCache cache = new ImageCache(100, 64L << 20, 1);
    List<CompletableFuture<byte[]>> pending = new ArrayList<>();
    for (int id = 0; id < 20; id++) {
      pending.add(cache.get(new ImageSpec(id, 2000, 2000)));
    }

    cache.close();

    assertThat(pending).allSatisfy(future -> assertThat(future).isDone());
    assertThat(pending).anySatisfy(future -> assertThat(future).isCompletedExceptionally());
  }
}
