package dev.fanout.units.store;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps objects in memory: for tests and for runs that need no files. */
public final class InMemoryObjectStore implements ObjectStore {
  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

  @Override
  public String put(String key, byte[] bytes, String contentType) {
    objects.put(key, bytes.clone());
    return "memory:" + key;
  }

  public Optional<byte[]> get(String key) {
    return Optional.ofNullable(objects.get(key)).map(byte[]::clone);
  }

  public int size() {
    return objects.size();
  }
}
