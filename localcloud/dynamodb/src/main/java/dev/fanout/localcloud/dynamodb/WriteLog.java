package dev.fanout.localcloud.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The local DynamoDB's tables kept in a file: each write that succeeded, appended as one JSON line
 * before it is answered, and replayed in order when the next process opens the file. A write goes
 * straight to the file with no buffer in this process, so a process killed mid-run loses nothing it
 * answered; a line cut short by the kill was never answered and is dropped.
 */
final class WriteLog implements AutoCloseable {
  /** The operations that change the tables; reads are never logged. */
  static final Set<String> WRITES =
      Set.of(
          "CreateTable",
          "DeleteTable",
          "PutItem",
          "UpdateItem",
          "DeleteItem",
          "BatchWriteItem",
          "TransactWriteItems");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final FileChannel channel;

  /** One logged write: the operation and its request, as the client sent it. */
  record Write(String operation, JsonNode request) {}

  private WriteLog(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** Opens {@code file} for appending, creating it and its directory when missing. */
  static WriteLog open(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return new WriteLog(
          file,
          FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the local DynamoDB's data " + file + ": " + e, e);
    }
  }

  /**
   * The writes {@code file} holds, in order; none when it does not exist. A last line cut short is
   * cut off the file too, so that the writes appended next start on a line of their own.
   *
   * @throws IllegalArgumentException when a line before the last is not a logged write: the file is
   *     not a local DynamoDB's data
   */
  static List<Write> read(Path file) {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      byte[] bytes = Files.readAllBytes(file);
      List<Write> writes = new ArrayList<>();
      int start = 0;
      while (start < bytes.length) {
        int end = indexOf(bytes, (byte) '\n', start);
        if (end < 0) {
          // Written up to the kill, never answered: as if it had not come.
          try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(start);
          }
          break;
        }
        writes.add(parse(file, new String(bytes, start, end - start, StandardCharsets.UTF_8)));
        start = end + 1;
      }
      return writes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the local DynamoDB's data " + file + ": " + e, e);
    }
  }

  private static Write parse(Path file, String line) {
    try {
      JsonNode node = JSON.readTree(line);
      String operation = node.path("operation").asText();
      if (!WRITES.contains(operation) || !node.path("request").isObject()) {
        throw new IllegalArgumentException(
            file + " is not a local DynamoDB's data: a line is not a logged write");
      }
      return new Write(operation, node.get("request"));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          file + " is not a local DynamoDB's data: a line is not JSON", e);
    }
  }

  private static int indexOf(byte[] bytes, byte wanted, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  /** Appends one write; it is in the file when this returns. */
  void append(String operation, JsonNode request) {
    ObjectNode line = JSON.createObjectNode().put("operation", operation);
    line.set("request", request);
    try {
      ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the local DynamoDB's data " + file, e);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the local DynamoDB's data " + file, e);
    }
  }
}
