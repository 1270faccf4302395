package dev.fanout.localcloud.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A small HTTP/1.1 server on one selector thread, serving the local Lambda service's Invoke and
 * Runtime APIs, the local origin and the local DynamoDB. Written for needs the JDK's HttpServer
 * does not meet:
 *
 * <ul>
 *   <li>each response (status line, headers and body) leaves in ONE write on a TCP_NODELAY socket:
 *       split writes cost the RIC's curl client 40-90 ms per warm call (Nagle + delayed ACK);
 *   <li>answers are asynchronous: a handler keeps the {@link Exchange} (a pending {@code GET
 *       /next}, an invocation in flight) and answers it later from any thread, with no thread
 *       parked per pending request;
 *   <li>a client closing its connection while its request is unanswered is reported ({@link
 *       Handler#abandoned}): an instance that dies while its {@code GET /next} is pending must not
 *       be handed the next event;
 *   <li>listeners come and go (one per instance) on the same thread;
 *   <li>work can be scheduled on the loop's thread for a later instant ({@link #schedule}), so that
 *       thousands of delayed answers wait as entries in a queue, not as sleeping threads;
 *   <li>several loops can serve one port ({@link #share}), a thread per core.
 * </ul>
 *
 * <p>It reads Content-Length and chunked bodies ({@link RequestParser}), answers {@code Expect:
 * 100-continue}, keeps connections alive, and answers pipelined requests in order, one at a time
 * per connection ({@link Connection}). It is strict and bounded, since one client must not take a
 * server that many share: ambiguous framing is refused, and each listener has {@link HttpLimits} on
 * bodies, open connections and idle time.
 */
public final class HttpLoop implements AutoCloseable {
  /** Handles the requests of one listener, on the loop's thread: it must not block. */
  public interface Handler {
    void handle(Exchange exchange);

    /**
     * The answer when {@link #handle} threw: a bug in the handler, reported as a 500 so that the
     * client is not left waiting.
     */
    default HttpResponse failed(HttpRequest request, RuntimeException e) {
      return HttpResponse.json(
          500, "{\"message\":\"internal error: " + HttpSyntax.jsonEscaped(e.toString()) + "\"}");
    }

    /**
     * The answer when the loop refuses a request itself, before handing it over: malformed or
     * ambiguous (400), too large (413, 431), a transfer coding it does not read (501), or past the
     * listener's connection cap (503). The connection is closed after it. A handler may answer in
     * its own API's error shape.
     */
    default HttpResponse refused(int status, String message) {
      return HttpResponse.json(status, "{\"message\":\"" + HttpSyntax.jsonEscaped(message) + "\"}");
    }

    /** The client closed its connection before {@code exchange} was answered. */
    default void abandoned(Exchange exchange) {}

    /**
     * The client's side of {@code connection} (see {@link Exchange#connection()}) closed: with
     * {@code reset} true when it was reset, which a peer does when it closes with data it never
     * read, e.g. a process killed before it read the response it was sent.
     */
    default void disconnected(Object connection, boolean reset) {}
  }

  /** One bound address and its open connections. */
  public sealed interface Listener extends AutoCloseable permits SocketListener {
    int port();

    /**
     * Reads every connection of this listener for an end of stream or a reset not noticed yet
     * (reporting them), then runs {@code then}, on the loop's thread; at once when the loop has
     * stopped.
     */
    void probeThen(Runnable then);

    /** Stops listening and closes its connections; their pending exchanges go unanswered. */
    @Override
    void close();
  }

  /** One request and, once, its response; {@link #respond} may be called from any thread. */
  public sealed interface Exchange permits ConnectionExchange {
    HttpRequest request();

    /** The connection the request came on, as an opaque identity. */
    Object connection();

    /**
     * False once the connection is closed (by either side): an answer would go nowhere. Exact on
     * the loop's thread; elsewhere it may lag.
     */
    boolean open();

    /**
     * Sends {@code response}; later calls are ignored. Returns at once: the bytes are written on
     * the loop's thread (right away when called on it).
     */
    void respond(HttpResponse response);

    /**
     * Sends {@code response} unless the client is found to have closed the connection just before;
     * then runs {@code ifClosed} instead. For handing an event to a runtime whose process may have
     * died while it waited: the event must then go to another instance, not into a dead socket.
     */
    void respondUnlessClosed(HttpResponse response, Runnable ifClosed);
  }

  private static final System.Logger LOG = System.getLogger(HttpLoop.class.getName());

  private final Selector selector;
  private final Thread thread;
  private final SelectorAlarm alarm;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final HttpLimits defaultLimits;
  private final Set<SocketListener> listeners = new HashSet<>();
  private final TimerQueue timers = new TimerQueue();
  private volatile boolean running = true;

  private HttpLoop(Selector selector, String name, HttpLimits defaultLimits) {
    this.selector = selector;
    this.defaultLimits = defaultLimits;
    this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
    this.alarm = new SelectorAlarm(selector, name + "-alarm");
  }

  /**
   * Starts a loop whose listeners take request bodies of up to {@code maxBodyBytes}, and the
   * default connection cap and idle timeout, unless {@link #listen(InetSocketAddress, Handler,
   * HttpLimits)} says otherwise.
   */
  public static HttpLoop start(String threadName, int maxBodyBytes) {
    return start(threadName, HttpLimits.of(maxBodyBytes));
  }

  /** Starts a loop whose listeners have {@code defaultLimits} unless they are given their own. */
  public static HttpLoop start(String threadName, HttpLimits defaultLimits) {
    try {
      HttpLoop loop = new HttpLoop(Selector.open(), threadName, defaultLimits);
      loop.thread.start();
      loop.alarm.start();
      return loop;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
  }

  /** {@link #listen(InetSocketAddress, Handler, HttpLimits)} with the loop's default limits. */
  public Listener listen(InetSocketAddress address, Handler handler) {
    return listen(address, handler, defaultLimits);
  }

  /**
   * Binds {@code address} and serves it with {@code handler} within {@code limits}; connections are
   * accepted from the moment this returns (they wait in the backlog until the loop registers the
   * listener).
   *
   * @throws UncheckedIOException when the address cannot be bound
   */
  public Listener listen(InetSocketAddress address, Handler handler, HttpLimits limits) {
    try {
      ServerSocketChannel channel = ServerSocketChannel.open();
      try {
        channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        channel.bind(address, 4096);
        channel.configureBlocking(false);
      } catch (IOException e) {
        channel.close();
        throw e;
      }
      SocketListener listener =
          new SocketListener(this, channel, handler, limits, new ConnectionCount(limits));
      execute(listener::register);
      return listener;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot bind "
              + address.getHostString()
              + ":"
              + address.getPort()
              + " ("
              + e.getMessage()
              + "): pick another port, or 0 for any free one",
          e);
    }
  }

  /**
   * Serves the address that {@code shared} (a listener of another loop) is bound to, on this loop's
   * thread as well, with the same limits: each connection stays on the loop that accepted it first,
   * so that several loops (one per core) share one port and its load, and its connection cap.
   * Closing any of the listeners closes the socket they share; each closes its own connections.
   */
  public Listener share(Listener shared, Handler handler) {
    SocketListener other = (SocketListener) shared;
    try {
      SocketListener listener =
          new SocketListener(this, other.channel(), handler, other.limits(), other.count());
      execute(listener::register);
      return listener;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot share a closed listener: " + e.getMessage(), e);
    }
  }

  /** Runs {@code task} on the loop's thread. */
  public void execute(Runnable task) {
    tasks.add(task);
    selector.wakeup();
  }

  /**
   * Runs {@code task} on the loop's thread once {@link System#nanoTime()} reaches {@code
   * deadlineNanos} (at once if it has), after the I/O that is ready then. Tasks due at the same
   * instant run in the order they were scheduled. Tasks still waiting when the loop closes never
   * run.
   */
  public void schedule(long deadlineNanos, Runnable task) {
    if (inLoop()) {
      timers.add(deadlineNanos, task);
    } else {
      execute(() -> timers.add(deadlineNanos, task));
    }
  }

  public boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /** Closes every listener and connection and stops the thread; scheduled tasks never run. */
  @Override
  public void close() {
    if (!running) {
      return;
    }
    execute(
        () -> {
          for (SocketListener listener : new ArrayList<>(listeners)) {
            listener.closeOnLoop();
          }
          timers.clear();
          running = false;
        });
    try {
      thread.join(5_000);
      alarm.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      selector.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "closing the selector", e);
    }
  }

  Selector selector() {
    return selector;
  }

  boolean running() {
    return running;
  }

  /** The listeners registered on this loop, closed with it; touched on the loop's thread only. */
  Set<SocketListener> listeners() {
    return listeners;
  }

  private void run() {
    while (running) {
      try {
        select();
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.ERROR, "the selector of " + thread.getName() + " failed", e);
        return;
      }
      runTasks();
      Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
      while (keys.hasNext()) {
        SelectionKey key = keys.next();
        keys.remove();
        try {
          if (key.attachment() instanceof SocketListener listener) {
            if (key.isValid() && key.isAcceptable()) {
              listener.accept();
            }
          } else if (key.attachment() instanceof Connection connection) {
            connection.ready(key);
          }
        } catch (CancelledKeyException e) {
          // Closed while its events were pending: nothing left to do for it.
        } catch (RuntimeException e) {
          LOG.log(Level.ERROR, thread.getName() + " failed on a connection", e);
          if (key.attachment() instanceof Connection connection) {
            connection.close();
          }
        }
      }
      runTasks();
      runDueTimers();
    }
  }

  /** Waits for I/O, a task, or the next timer, whichever comes first. */
  private void select() throws IOException {
    if (timers.isEmpty()) {
      selector.select();
      return;
    }
    long next = timers.nextDeadline();
    long left = next - System.nanoTime();
    if (left <= 0) {
      selector.selectNow();
      return;
    }
    // The selector counts whole milliseconds: rounded up, so that a timer never runs early, and
    // the alarm wakes it on time.
    alarm.set(next);
    selector.select((left + 999_999) / 1_000_000);
  }

  private void runTasks() {
    for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
      run(task);
    }
  }

  private void runDueTimers() {
    long now = System.nanoTime();
    for (Runnable task = timers.pollDue(now); task != null; task = timers.pollDue(now)) {
      run(task);
    }
  }

  private void run(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "a task on " + thread.getName() + " failed", e);
    }
  }
}
