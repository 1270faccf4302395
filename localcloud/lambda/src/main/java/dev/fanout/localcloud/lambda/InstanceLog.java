package dev.fanout.localcloud.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An instance's output, stdout and stderr merged, in a file the child process appends to. Each
 * invocation reads what was added since the last one: the child wrote it before it called the
 * Runtime API again, so the file holds it all by then, with no reader thread to race.
 */
final class InstanceLog implements AutoCloseable {
  /** The most read back at once; older output of a chatty invocation is skipped. */
  static final int KEEP_BYTES = 64 * 1024;

  /** Past this size the file is emptied (the child appends, so it writes at the new end). */
  private static final long TRUNCATE_ABOVE = 16L << 20;

  private static final System.Logger LOG = System.getLogger(InstanceLog.class.getName());

  private final Path file;
  private final FileChannel channel;
  private long consumed;
  private boolean closed;

  private InstanceLog(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  static InstanceLog create(Path file) {
    try {
      FileChannel channel =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      return new InstanceLog(file, channel);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the instance log " + file, e);
    }
  }

  /** The file the child's output is appended to. */
  Path file() {
    return file;
  }

  /** What the child wrote since the last call (at most {@link #KEEP_BYTES}, the latest). */
  synchronized String readNew() {
    if (closed) {
      return "";
    }
    try {
      long size = channel.size();
      if (size < consumed) {
        consumed = 0;
      }
      long from = Math.max(consumed, size - KEEP_BYTES);
      String skipped =
          from > consumed ? "[" + (from - consumed) + " bytes of output skipped]\n" : "";
      ByteBuffer buffer = ByteBuffer.allocate((int) (size - from));
      while (buffer.hasRemaining()) {
        int n = channel.read(buffer, from + buffer.position());
        if (n < 0) {
          break;
        }
      }
      consumed = size;
      if (size > TRUNCATE_ABOVE) {
        channel.truncate(0);
        consumed = 0;
      }
      return skipped + new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "[cannot read the instance's output: " + e.getMessage() + "]\n";
    }
  }

  /** Closes and deletes the file. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      channel.close();
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "deleting " + file, e);
    }
  }
}
