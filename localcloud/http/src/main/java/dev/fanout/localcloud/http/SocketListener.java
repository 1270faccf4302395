package dev.fanout.localcloud.http;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

/** A bound port served by one loop: it accepts connections up to the cap and tracks them. */
final class SocketListener implements HttpLoop.Listener {
  private static final System.Logger LOG = System.getLogger(HttpLoop.class.getName());

  /** Accepted per readiness event at most, so that a burst of connections cannot starve others. */
  private static final int ACCEPTS_PER_EVENT = 64;

  private final HttpLoop loop;
  private final ServerSocketChannel channel;
  private final HttpLoop.Handler handler;
  private final HttpLimits limits;
  private final ConnectionCount count;
  private final int port;
  private final Set<Connection> connections = new HashSet<>();
  private SelectionKey key;
  private boolean closed;

  SocketListener(
      HttpLoop loop,
      ServerSocketChannel channel,
      HttpLoop.Handler handler,
      HttpLimits limits,
      ConnectionCount count)
      throws IOException {
    this.loop = loop;
    this.channel = channel;
    this.handler = handler;
    this.limits = limits;
    this.count = count;
    this.port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public void probeThen(Runnable then) {
    if (!loop.running()) {
      then.run();
      return;
    }
    loop.execute(
        () -> {
          for (Connection connection : new ArrayList<>(connections)) {
            connection.probeClosed();
          }
          then.run();
        });
  }

  @Override
  public void close() {
    loop.execute(this::closeOnLoop);
  }

  ServerSocketChannel channel() {
    return channel;
  }

  HttpLimits limits() {
    return limits;
  }

  ConnectionCount count() {
    return count;
  }

  HttpLoop.Handler handler() {
    return handler;
  }

  HttpLoop loop() {
    return loop;
  }

  void register() {
    if (closed) {
      return;
    }
    try {
      key = channel.register(loop.selector(), SelectionKey.OP_ACCEPT, this);
      loop.listeners().add(this);
    } catch (ClosedChannelException e) {
      closed = true;
    }
  }

  void accept() {
    for (int i = 0; i < ACCEPTS_PER_EVENT; i++) {
      SocketChannel socket;
      try {
        socket = channel.accept();
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "accepting a connection", e);
        return;
      }
      if (socket == null) {
        return;
      }
      if (!count.tryOpen(port)) {
        refuse(socket);
        continue;
      }
      try {
        socket.configureBlocking(false);
        socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
        Connection connection = new Connection(socket, this);
        connection.register();
        connections.add(connection);
      } catch (IOException e) {
        count.closed();
        LOG.log(Level.DEBUG, "setting up an accepted connection", e);
        closeQuietly(socket);
      }
    }
  }

  /** Called by a connection as it closes. */
  void closed(Connection connection) {
    if (connections.remove(connection)) {
      count.closed();
    }
  }

  void closeOnLoop() {
    if (closed) {
      return;
    }
    closed = true;
    loop.listeners().remove(this);
    if (key != null) {
      key.cancel();
    }
    try {
      channel.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "closing a listener", e);
    }
    for (Connection connection : new ArrayList<>(connections)) {
      connection.close();
    }
  }

  /**
   * Answers a connection past the cap with 503 and closes it: one non-blocking write that an empty
   * socket buffer always takes, so the client learns why rather than seeing a bare close.
   */
  private void refuse(SocketChannel socket) {
    try {
      socket.configureBlocking(false);
      HttpResponse answer =
          handler.refused(
              503,
              "too many connections: port "
                  + port
                  + " has "
                  + count.max()
                  + " open, its cap; retry once some close");
      socket.write(ResponseWriter.encode(answer, false, true));
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.DEBUG, "answering a connection past the cap", e);
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(SocketChannel socket) {
    try {
      socket.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "closing a socket", e);
    }
  }
}
