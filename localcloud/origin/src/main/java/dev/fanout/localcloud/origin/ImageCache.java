package dev.fanout.localcloud.origin;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;

/**
 * Encoded images, bounded in entries and bytes, least recently used evicted first. Each image is
 * encoded once, by a small pool of platform threads: JPEG encoding is native code that would pin a
 * virtual thread's carrier, and the pool bounds how much CPU encoding can take from the requests
 * being timed. Concurrent requests for the same image share one encoding.
 */
final class ImageCache implements AutoCloseable {

  private final int maxEntries;
  private final long maxBytes;
  private final ExecutorService encoders;
  private final Object lock = new Object();
  private final LinkedHashMap<ImageSpec, CompletableFuture<byte[]>> entries =
      new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;

  ImageCache(int maxEntries, long maxBytes, int encoderThreads) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    ThreadFactory factory = Thread.ofPlatform().name("origin-image-encoder-", 0).daemon().factory();
    this.encoders = Executors.newFixedThreadPool(encoderThreads, factory);
  }

  /** The encoded image, from the cache or being encoded now. */
  CompletableFuture<byte[]> get(ImageSpec spec) {
    CompletableFuture<byte[]> created = new CompletableFuture<>();
    synchronized (lock) {
      CompletableFuture<byte[]> existing = entries.get(spec);
      if (existing != null) {
        return existing;
      }
      entries.put(spec, created);
      evictOverBudget();
    }
    try {
      encoders.execute(() -> encode(spec, created));
    } catch (RejectedExecutionException e) {
      forget(spec, created);
      created.completeExceptionally(
          new IllegalStateException(
              "the origin is closing: image " + spec + " was not encoded", e));
    }
    return created;
  }

  /** The number of images held, encoded or being encoded. */
  int size() {
    synchronized (lock) {
      return entries.size();
    }
  }

  /** Stops encoding; images not encoded yet fail, so that nobody waits for them forever. */
  @Override
  public void close() {
    encoders.shutdownNow();
    synchronized (lock) {
      for (Map.Entry<ImageSpec, CompletableFuture<byte[]>> entry : entries.entrySet()) {
        entry
            .getValue()
            .completeExceptionally(
                new IllegalStateException(
                    "the origin closed before image " + entry.getKey() + " was encoded"));
      }
    }
  }

  private void encode(ImageSpec spec, CompletableFuture<byte[]> future) {
    byte[] jpeg;
    try {
      jpeg = Images.jpeg(spec);
    } catch (RuntimeException | Error e) {
      forget(spec, future);
      future.completeExceptionally(e);
      return;
    }
    synchronized (lock) {
      // Count the bytes only if the entry was not evicted while it was being encoded.
      if (entries.get(spec) == future) {
        bytes += jpeg.length;
      }
      future.complete(jpeg);
      evictOverBudget();
    }
  }

  private void forget(ImageSpec spec, CompletableFuture<byte[]> future) {
    synchronized (lock) {
      entries.remove(spec, future);
    }
  }

  private void evictOverBudget() {
    Iterator<Map.Entry<ImageSpec, CompletableFuture<byte[]>>> eldest =
        entries.entrySet().iterator();
    while ((entries.size() > maxEntries || bytes > maxBytes) && eldest.hasNext()) {
      CompletableFuture<byte[]> evicted = eldest.next().getValue();
      eldest.remove();
      if (evicted.state() == Future.State.SUCCESS) {
        bytes -= evicted.resultNow().length;
      }
    }
  }
}
