package dev.fanout.localcloud.http;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Collections;

/**
 * One client connection, touched only on its loop's thread: bytes in through a {@link
 * RequestParser}, requests handed over one at a time, answers out in request order.
 *
 * <p>Bounded whatever the client does: the next pipelined request is handed over only once the
 * previous answer has left for the socket, and what the client sends ahead waits in an {@value
 * #READ_BUFFER_BYTES}-byte buffer; when that is full the connection stops reading (no OP_READ)
 * until answers drain, and the client's own socket buffer takes the rest. A connection with no
 * request in the handler's hands for the listener's idle timeout is closed.
 */
final class Connection {
  private static final System.Logger LOG = System.getLogger(HttpLoop.class.getName());

  /** Bytes read ahead of the parser: what a pipelining client may have in the server's memory. */
  static final int READ_BUFFER_BYTES = 8 * 1024;

  /** Reads per readiness event at most, so that one busy client cannot starve the others. */
  private static final int READS_PER_EVENT = 16;

  /**
   * How long a refused request's connection keeps reading (and dropping) what the client still
   * sends, after the refusal went out: closing with unread data would reset the connection, and a
   * reset can destroy the refusal before the client reads it.
   */
  private static final long LINGER_NANOS = 2_000_000_000L;

  private final SocketChannel channel;
  private final SocketListener listener;
  private final HttpLoop loop;
  private final HttpLoop.Handler handler;
  private final RequestParser parser;

  /** Bytes read and not parsed yet, in write mode (its position is the end of the data). */
  private final ByteBuffer inbound = ByteBuffer.allocate(READ_BUFFER_BYTES);

  private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
  private SelectionKey key;
  private ConnectionExchange outstanding;
  private boolean continueSent;
  private boolean closeAfterWrite;
  private boolean lingerAfterWrite;
  private boolean lingering;
  private boolean processing;
  private volatile boolean closed;
  private final IdleTimeout idle;

  Connection(SocketChannel channel, SocketListener listener) {
    this.channel = channel;
    this.listener = listener;
    this.loop = listener.loop();
    this.handler = listener.handler();
    this.parser = new RequestParser(listener.limits().maxBodyBytes());
    this.idle =
        new IdleTimeout(
            loop,
            listener.limits().idleTimeout().toNanos(),
            () -> closed || outstanding != null,
            this::closeIdle);
  }

  void register() throws IOException {
    key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
    idle.restart();
  }

  boolean closed() {
    return closed;
  }

  HttpLoop loop() {
    return loop;
  }

  /** The selector found this connection's socket ready. */
  void ready(SelectionKey selected) {
    if (selected.isValid() && selected.isWritable()) {
      flush();
    }
    if (!closed && selected.isValid() && selected.isReadable()) {
      if (lingering) {
        drain();
        return;
      }
      read();
    }
    if (!closed) {
      process();
      updateInterest();
    }
  }

  private void read() {
    for (int reads = 0; !closed && reads < READS_PER_EVENT; reads++) {
      if (!inbound.hasRemaining()) {
        process();
        if (closed || !inbound.hasRemaining()) {
          return;
        }
      }
      boolean between = outstanding == null && inbound.position() == 0 && !parser.midRequest();
      int n;
      try {
        n = channel.read(inbound);
      } catch (IOException e) {
        closeByPeer(true);
        return;
      }
      if (n < 0) {
        closeByPeer(false);
        return;
      }
      if (n == 0) {
        return;
      }
      if (between) {
        // A new request begins: it has the idle timeout to arrive whole.
        idle.restart();
      }
    }
  }

  /** Parses and hands over requests while none is outstanding and no answer waits to be sent. */
  private void process() {
    if (processing) {
      return;
    }
    processing = true;
    try {
      while (!closed && !closeAfterWrite && outstanding == null && out.isEmpty()) {
        RequestParser.Received received = null;
        BadRequest refusal = null;
        inbound.flip();
        try {
          received = parser.parse(inbound);
        } catch (BadRequest e) {
          refusal = e;
        }
        inbound.compact();
        if (refusal != null) {
          refuse(refusal);
          return;
        }
        if (received == null) {
          if (parser.awaitsContinue() && !continueSent) {
            continueSent = true;
            out.add(ByteBuffer.wrap(ResponseWriter.CONTINUE));
            flush();
          }
          return;
        }
        continueSent = false;
        ConnectionExchange exchange =
            new ConnectionExchange(this, received.request(), received.keepAlive());
        outstanding = exchange;
        try {
          handler.handle(exchange);
        } catch (RuntimeException e) {
          HttpRequest request = received.request();
          LOG.log(Level.ERROR, "a handler failed on " + request.method() + " " + request.path(), e);
          exchange.respond(handler.failed(request, e));
        }
      }
    } finally {
      processing = false;
    }
  }

  /** Answers a request the parser refused, then closes: the stream can no longer be framed. */
  private void refuse(BadRequest e) {
    HttpResponse answer;
    try {
      answer = handler.refused(e.status(), e.getMessage());
    } catch (RuntimeException failed) {
      LOG.log(Level.ERROR, "a handler failed to shape a refusal", failed);
      answer = HttpResponse.json(e.status(), "{}");
    }
    closeAfterWrite = true;
    lingerAfterWrite = true;
    Collections.addAll(out, ResponseWriter.encode(answer, false, true));
    flush();
  }

  /** Queues one whole response for {@code exchange}; runs on the loop's thread. */
  void send(ConnectionExchange exchange, ByteBuffer[] bytes, boolean close) {
    if (closed) {
      return;
    }
    Collections.addAll(out, bytes);
    if (outstanding == exchange) {
      outstanding = null;
      idle.restart();
    }
    if (close) {
      closeAfterWrite = true;
    }
    flush();
    if (!closed) {
      process();
      updateInterest();
    }
  }

  private void flush() {
    while (!out.isEmpty()) {
      try {
        // One gathering write for all that is queued: a response's head and body leave in one
        // system call.
        if (out.size() == 1) {
          channel.write(out.peek());
        } else {
          channel.write(out.toArray(ByteBuffer[]::new));
        }
      } catch (IOException e) {
        close();
        return;
      }
      while (!out.isEmpty() && !out.peek().hasRemaining()) {
        out.poll();
      }
      if (!out.isEmpty()) {
        // The socket's buffer is full: the rest goes when the selector says it can.
        updateInterest();
        return;
      }
    }
    if (closeAfterWrite) {
      if (lingerAfterWrite) {
        linger();
      } else {
        close();
      }
    }
  }

  /** Reads while there is room: to see a client close, and to have its next request at hand. */
  private void updateInterest() {
    if (closed || !key.isValid()) {
      return;
    }
    int ops = lingering || inbound.hasRemaining() ? SelectionKey.OP_READ : 0;
    if (!out.isEmpty()) {
      ops |= SelectionKey.OP_WRITE;
    }
    if (key.interestOps() != ops) {
      key.interestOps(ops);
    }
  }

  /** Output shut (the client sees the end of the refusal), input dropped until it closes. */
  private void linger() {
    try {
      channel.shutdownOutput();
    } catch (IOException e) {
      close();
      return;
    }
    lingering = true;
    inbound.clear();
    updateInterest();
    loop.schedule(System.nanoTime() + LINGER_NANOS, this::close);
  }

  private void drain() {
    for (int reads = 0; reads < READS_PER_EVENT; reads++) {
      inbound.clear();
      int n;
      try {
        n = channel.read(inbound);
      } catch (IOException e) {
        close();
        return;
      }
      if (n < 0) {
        close();
        return;
      }
      if (n == 0) {
        return;
      }
    }
  }

  /**
   * True when the client has closed the connection: reads what is there (it stays buffered for the
   * parser) to see an end of stream not yet noticed, and closes the connection if so.
   */
  boolean probeClosed() {
    if (closed) {
      return true;
    }
    if (lingering || !inbound.hasRemaining()) {
      return false;
    }
    boolean reset = false;
    try {
      int n = channel.read(inbound);
      if (n >= 0) {
        if (n > 0) {
          process();
          updateInterest();
        }
        return false;
      }
    } catch (IOException e) {
      reset = true;
    }
    closeByPeer(reset);
    return true;
  }

  private void closeByPeer(boolean reset) {
    if (closed) {
      return;
    }
    close();
    handler.disconnected(this, reset);
  }

  private void closeIdle() {
    LOG.log(Level.DEBUG, "closing a connection idle for " + listener.limits().idleTimeout());
    close();
  }

  void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (key != null) {
      key.cancel();
    }
    try {
      channel.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "closing a connection", e);
    }
    out.clear();
    listener.closed(this);
    ConnectionExchange pending = outstanding;
    outstanding = null;
    if (pending != null && !pending.answered()) {
      handler.abandoned(pending);
    }
  }
}
