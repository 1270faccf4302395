package dev.fanout.units.store;

import dev.fanout.units.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Stores objects as files under one directory; a file appears whole or not at all. */
public final class DirectoryObjectStore implements ObjectStore {
  private final Path root;

  public DirectoryObjectStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  @Override
  public String put(String key, byte[] bytes, String contentType) {
    Path target;
    try {
      target = root.resolve(key).normalize();
    } catch (InvalidPathException e) {
      throw new StoreException("key '" + key + "' is not a valid file name: " + e.getReason(), e);
    }
    if (!target.startsWith(root) || target.equals(root)) {
      throw new StoreException("key '" + key + "' would leave the store directory " + root, null);
    }
    try {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), ".part-", ".tmp");
      try {
        Files.write(temp, bytes);
        Files.move(
            temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
      return target.toString();
    } catch (IOException e) {
      throw new StoreException("cannot store '" + key + "' under " + root + ": " + e, e);
    }
  }
}
