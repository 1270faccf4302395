package dev.fanout.localcloud.http;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/** A request handed over on a {@link Connection}, and its one answer. */
final class ConnectionExchange implements HttpLoop.Exchange {
  private final Connection connection;
  private final HttpRequest request;
  private final boolean keepAlive;
  private final AtomicBoolean answered = new AtomicBoolean();

  ConnectionExchange(Connection connection, HttpRequest request, boolean keepAlive) {
    this.connection = connection;
    this.request = request;
    this.keepAlive = keepAlive;
  }

  @Override
  public HttpRequest request() {
    return request;
  }

  @Override
  public Object connection() {
    return connection;
  }

  @Override
  public boolean open() {
    return !connection.closed();
  }

  @Override
  public void respond(HttpResponse response) {
    if (!answered.compareAndSet(false, true)) {
      return;
    }
    // Laid out on the caller's thread: the loop's thread only writes.
    ByteBuffer[] bytes = ResponseWriter.encode(response, keepAlive, bodyAllowed());
    HttpLoop loop = connection.loop();
    if (loop.inLoop()) {
      connection.send(this, bytes, !keepAlive);
    } else {
      loop.execute(() -> connection.send(this, bytes, !keepAlive));
    }
  }

  @Override
  public void respondUnlessClosed(HttpResponse response, Runnable ifClosed) {
    if (!answered.compareAndSet(false, true)) {
      return;
    }
    ByteBuffer[] bytes = ResponseWriter.encode(response, keepAlive, bodyAllowed());
    Runnable attempt =
        () -> {
          if (connection.probeClosed()) {
            ifClosed.run();
          } else {
            connection.send(this, bytes, !keepAlive);
          }
        };
    HttpLoop loop = connection.loop();
    if (loop.inLoop()) {
      attempt.run();
    } else {
      loop.execute(attempt);
    }
  }

  boolean answered() {
    return answered.get();
  }

  /** An answer to HEAD has the headers of the answer to GET and never a body. */
  private boolean bodyAllowed() {
    return !request.method().equals("HEAD");
  }
}
