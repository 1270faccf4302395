package dev.fanout.localcloud.scratch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.OptionalLong;
import java.util.function.LongPredicate;

/**
 * A temporary directory that belongs to this process: its name carries the owner's pid, it is
 * removed when closed or when the JVM exits (Ctrl-C included), and one left behind by an owner that
 * died without removing it (kill -9) is swept by the next process that makes one of its kind.
 */
public final class ScratchDirectory implements AutoCloseable {
  private static final String PID_MARK = "p";

  private final Path path;
  private final Thread onExit;

  private ScratchDirectory(Path path) {
    this.path = path;
    this.onExit = new Thread(() -> delete(path), "remove " + path.getFileName());
  }

  /**
   * Sweeps the directories of {@code prefix} whose owners are gone, then makes a new one in the
   * system's temporary directory, named {@code prefix + "p" + pid + "-" + random}.
   *
   * @throws UncheckedIOException when the directory cannot be made
   */
  public static ScratchDirectory create(String prefix) {
    Path parent = Path.of(System.getProperty("java.io.tmpdir"));
    sweep(parent, prefix, pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    try {
      long pid = ProcessHandle.current().pid();
      ScratchDirectory created =
          new ScratchDirectory(
              Files.createTempDirectory(parent, prefix + PID_MARK + pid + "-").toRealPath());
      Runtime.getRuntime().addShutdownHook(created.onExit);
      return created;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot make a temporary directory " + prefix + "* in " + parent, e);
    }
  }

  /**
   * Removes every directory of {@code prefix} in {@code parent} whose owner {@code alive} says is
   * gone; the names of other programs and of live owners are left alone. Answers how many it
   * removed.
   */
  static int sweep(Path parent, String prefix, LongPredicate alive) {
    int removed = 0;
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(parent, prefix + PID_MARK + "*")) {
      for (Path entry : entries) {
        OptionalLong owner = owner(entry.getFileName().toString(), prefix);
        if (owner.isPresent() && !alive.test(owner.getAsLong()) && Files.isDirectory(entry)) {
          delete(entry);
          removed++;
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // Sweeping is tidying: a directory that cannot be read or removed is left for the next run.
    }
    return removed;
  }

  /** The pid in a name made by {@link #create}, or empty when the name is not one of ours. */
  static OptionalLong owner(String name, String prefix) {
    if (!name.startsWith(prefix + PID_MARK)) {
      return OptionalLong.empty();
    }
    String rest = name.substring(prefix.length() + PID_MARK.length());
    int dash = rest.indexOf('-');
    if (dash <= 0) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(rest.substring(0, dash)));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  public Path path() {
    return path;
  }

  /** Removes the directory and all it holds. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(onExit);
    } catch (IllegalStateException e) {
      // The JVM is exiting: the hook removes it.
      return;
    }
    delete(path);
  }

  private static void delete(Path root) {
    try {
      deleteTree(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + root, e);
    }
  }

  /** Deletes {@code root} and everything under it; files that vanish meanwhile are fine. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
              throw e;
            }
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
