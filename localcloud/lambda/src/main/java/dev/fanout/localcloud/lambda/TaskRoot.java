package dev.fanout.localcloud.lambda;

import dev.fanout.localcloud.scratch.ScratchDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The function's task root: {@code function.zip} unpacked once into a directory named after the
 * zip's hash, so that every instance (and every later service run) of the same build shares it. An
 * unpack goes to a private directory first and is renamed into place, so a half-written root is
 * never used, even by two services starting at once.
 */
final class TaskRoot {
  private static final String COMPLETE = ".complete";
  private static final Duration STALE_AFTER = Duration.ofDays(2);

  private TaskRoot() {}

  /**
   * The directory holding {@code zip}'s contents under {@code cache}, unpacking it if needed.
   *
   * @throws IllegalArgumentException when the zip is missing or not a zip
   */
  static Path unpack(Path zip, Path cache) {
    if (!Files.isRegularFile(zip)) {
      throw new IllegalArgumentException(
          "no function.zip at "
              + zip
              + ": build it with ./mvnw -pl functions/lambda -am package -DskipTests");
    }
    try {
      return prepared(cache, sha256(zip), staging -> extract(zip, staging));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack " + zip + " under " + cache, e);
    }
  }

  /**
   * The task root of a function with layers: {@code zip}'s root with the layers' jars added to its
   * {@code lib} directory, where the runtime's class loader finds them as it finds a Java layer's
   * {@code /opt/java/lib} jars on Lambda. Shared, like the plain root, by every function with the
   * same code and layers.
   */
  static Path withLayers(Path zip, List<Path> layerJars, Path cache) {
    Path base = unpack(zip, cache);
    if (layerJars.isEmpty()) {
      return base;
    }
    try {
      StringBuilder key = new StringBuilder(base.getFileName().toString());
      for (Path jar : layerJars) {
        key.append(' ').append(sha256(jar));
      }
      String hash = sha256(key.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return prepared(
          cache,
          hash,
          staging -> {
            linkTree(base, staging);
            Path lib = Files.createDirectories(staging.resolve("lib"));
            for (int i = 0; i < layerJars.size(); i++) {
              Path jar = layerJars.get(i);
              Files.copy(jar, lib.resolve("layer-" + i + "-" + jar.getFileName()));
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot add the layers " + layerJars + " to " + zip + " under " + cache, e);
    }
  }

  /** Fills a root once; {@code fill} writes into a private directory moved into place whole. */
  private static Path prepared(Path cache, String hash, Filler fill) throws IOException {
    Files.createDirectories(cache);
    Path root = cache.resolve("task-" + hash.substring(0, 16));
    if (Files.exists(root.resolve(COMPLETE))) {
      Files.setLastModifiedTime(root.resolve(COMPLETE), FileTime.from(Instant.now()));
      return root;
    }
    removeStale(cache, root);
    Path staging = Files.createTempDirectory(cache, "unpacking-");
    try {
      fill.into(staging);
    } catch (IOException | RuntimeException e) {
      // What cannot be prepared leaves nothing behind.
      ScratchDirectory.deleteTree(staging);
      throw e;
    }
    Files.createFile(staging.resolve(COMPLETE));
    try {
      Files.move(staging, root, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      // Another service prepared the same root meanwhile: use its root, drop ours.
      ScratchDirectory.deleteTree(staging);
      if (!Files.exists(root.resolve(COMPLETE))) {
        throw new IOException("cannot move the prepared root to " + root, e);
      }
    } catch (IOException e) {
      if (!Files.exists(root.resolve(COMPLETE))) {
        throw e;
      }
      ScratchDirectory.deleteTree(staging);
    }
    return root;
  }

  @FunctionalInterface
  private interface Filler {
    void into(Path staging) throws IOException;
  }

  /** {@code from}'s files in {@code to}, hard-linked where the file system allows, else copied. */
  private static void linkTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else if (!file.getFileName().toString().equals(COMPLETE)) {
          try {
            Files.createLink(target, file);
          } catch (IOException | UnsupportedOperationException e) {
            Files.copy(file, target);
          }
        }
      }
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void extract(Path zip, Path target) throws IOException {
    Path base = target.toAbsolutePath().normalize();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        Path path = base.resolve(entry.getName()).normalize();
        if (!path.startsWith(base)) {
          throw new IOException(zip + " holds an entry outside its root: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
        } else {
          Files.createDirectories(path.getParent());
          Files.copy(in, path, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** Roots of older builds, unused for two days, and unpacks a crash left behind. */
  private static void removeStale(Path cache, Path keep) throws IOException {
    Instant cutoff = Instant.now().minus(STALE_AFTER);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(cache, "{task-,unpacking-}*")) {
      for (Path entry : entries) {
        Path marker = entry.resolve(COMPLETE);
        Path stamp = Files.exists(marker) ? marker : entry;
        if (!entry.equals(keep) && Files.getLastModifiedTime(stamp).toInstant().isBefore(cutoff)) {
          ScratchDirectory.deleteTree(entry);
        }
      }
    }
  }
}
