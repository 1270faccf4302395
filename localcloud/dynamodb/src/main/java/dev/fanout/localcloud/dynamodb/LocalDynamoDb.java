package dev.fanout.localcloud.dynamodb;

import dev.fanout.localcloud.http.HttpLimits;
import dev.fanout.localcloud.http.HttpLoop;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * fanout's local DynamoDB: the DynamoDB JSON API (the operations {@link DynamoApi} lists) on
 * 127.0.0.1, tables in memory (and, when given a data file, every write in it, so that the next
 * process goes on from the same tables), for runs with neither AWS nor an emulator of one's own.
 * Any AWS SDK client pointed at {@link #endpoint()} with any credentials talks to it; worker JVMs
 * and Lambda instances share it as they would share a table. It is an emulator of the API, not
 * DynamoDB: signatures are not checked, and there are no capacity limits, indexes or streams. It
 * does hold requests to DynamoDB's documented limits ({@link DynamoLimits}): a body over 16 MB is
 * refused 413 with a {@code ValidationException}, and an item over 400 KB or a malformed table name
 * 400 with one, as DynamoDB answers them.
 *
 * <p>It serves on the local cloud's {@link HttpLoop}; the operations run one at a time on a thread
 * of their own, as {@link DynamoApi} runs them one at a time anyway, so the loop never waits.
 */
public final class LocalDynamoDb implements AutoCloseable {
  private final HttpLoop loop;
  private final ExecutorService operations;
  private final URI endpoint;
  private final WriteLog log;

  private LocalDynamoDb(HttpLoop loop, ExecutorService operations, URI endpoint, WriteLog log) {
    this.loop = loop;
    this.operations = operations;
    this.endpoint = endpoint;
    this.log = log;
  }

  /** Starts on 127.0.0.1 on a free port. */
  public static LocalDynamoDb start() {
    return start("127.0.0.1", 0, 0);
  }

  /**
   * @param port 0 for any free port
   * @param conflictEvery cancel every Nth TransactWriteItems with TransactionConflict, as DynamoDB
   *     does under contention, so that callers' retries are exercised (0: never)
   * @throws UncheckedIOException naming host:port when the address cannot be bound
   */
  public static LocalDynamoDb start(String host, int port, int conflictEvery) {
    return start(host, port, conflictEvery, null);
  }

  /**
   * The same, its tables kept in {@code dataFile}: what a previous process wrote there is there
   * again, and each write is in the file before it is answered.
   *
   * @param dataFile null to keep the tables in memory only
   * @throws IllegalArgumentException when {@code dataFile} is not a local DynamoDB's data
   */
  public static LocalDynamoDb start(String host, int port, int conflictEvery, Path dataFile) {
    if (conflictEvery < 0) {
      throw new IllegalArgumentException(
          "conflictEvery must not be negative, got " + conflictEvery);
    }
    WriteLog log = null;
    DynamoApi api;
    if (dataFile == null) {
      api = new DynamoApi(conflictEvery, null);
    } else {
      List<WriteLog.Write> written = WriteLog.read(dataFile);
      log = WriteLog.open(dataFile);
      api = new DynamoApi(conflictEvery, log);
      try {
        api.replay(written);
      } catch (IllegalArgumentException e) {
        log.close();
        throw new IllegalArgumentException(dataFile + ": " + e.getMessage(), e);
      }
    }
    InetSocketAddress address = new InetSocketAddress(host, port);
    ExecutorService operations =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("local-dynamodb").daemon(true).factory());
    HttpLoop loop =
        HttpLoop.start("local-dynamodb-http", HttpLimits.of(DynamoLimits.MAX_REQUEST_BYTES));
    HttpLoop.Listener listener;
    try {
      listener = loop.listen(address, new DynamoHandler(api, operations));
    } catch (UncheckedIOException e) {
      loop.close();
      operations.shutdownNow();
      if (log != null) {
        log.close();
      }
      throw new UncheckedIOException(
          "cannot start the local DynamoDB: " + e.getMessage(), e.getCause());
    }
    URI endpoint = URI.create("http://" + address.getHostString() + ":" + listener.port());
    return new LocalDynamoDb(loop, operations, endpoint, log);
  }

  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    loop.close();
    operations.shutdownNow();
    if (log != null) {
      // An operation still running may append after this; the channel refuses it, unanswered.
      log.close();
    }
  }
}
