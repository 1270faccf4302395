package dev.fanout.localcloud.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A small HTTP/1.1 server on one selector thread, serving the local Lambda service's Invoke and
 * Runtime APIs and the local origin. Written for needs the JDK's HttpServer does not meet:
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
 * <p>It reads Content-Length and chunked bodies, answers {@code Expect: 100-continue}, keeps
 * connections alive, and answers pipelined requests in order (one at a time per connection).
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
      return HttpResponse.json(500, "{\"message\":\"internal error: " + e + "\"}");
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

  static final int MAX_HEAD_BYTES = 64 * 1024;
  private static final int INITIAL_BUFFER = 8 * 1024;
  private static final byte[] CONTINUE =
      "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
  private static final System.Logger LOG = System.getLogger(HttpLoop.class.getName());

  private final Selector selector;
  private final Thread thread;

  /**
   * Wakes the selector when the next timer is due. The selector waits in whole milliseconds, so on
   * its own it would run a timer up to a millisecond late; a parked thread wakes within tens of
   * microseconds.
   */
  private final Thread alarm;

  /** The nanoTime at which {@link #alarm} wakes the selector; {@link #NO_ALARM} for none. */
  private final AtomicLong alarmAt = new AtomicLong(NO_ALARM);

  /** No alarm set. A nanoTime could take this value only after centuries of uptime. */
  private static final long NO_ALARM = Long.MIN_VALUE;

  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final int maxBodyBytes;
  private final Set<Listener> listeners = new HashSet<>();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private long timersScheduled;
  private volatile boolean running = true;

  private HttpLoop(Selector selector, String name, int maxBodyBytes) {
    this.selector = selector;
    this.maxBodyBytes = maxBodyBytes;
    this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
    this.alarm = Thread.ofPlatform().name(name + "-alarm").daemon(true).unstarted(this::ringAlarms);
  }

  /** Starts a loop whose requests may carry bodies of up to {@code maxBodyBytes}. */
  public static HttpLoop start(String threadName, int maxBodyBytes) {
    try {
      HttpLoop loop = new HttpLoop(Selector.open(), threadName, maxBodyBytes);
      loop.thread.start();
      loop.alarm.start();
      return loop;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
  }

  /**
   * Binds {@code address} and serves it with {@code handler}; connections are accepted from the
   * moment this returns (they wait in the backlog until the loop registers the listener).
   *
   * @throws UncheckedIOException when the address cannot be bound
   */
  public Listener listen(InetSocketAddress address, Handler handler) {
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
      Listener listener = new Listener(channel, handler);
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
   * thread as well: each connection stays on the loop that accepted it first, so that several loops
   * (one per core) share one port and its load. Closing any of the listeners closes the socket they
   * share; each closes its own connections.
   */
  public Listener share(Listener shared, Handler handler) {
    try {
      Listener listener = new Listener(shared.channel, handler);
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
      timers.add(new Timer(deadlineNanos, timersScheduled++, task));
    } else {
      execute(() -> timers.add(new Timer(deadlineNanos, timersScheduled++, task)));
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
          for (Listener listener : new ArrayList<>(listeners)) {
            listener.closeOnLoop();
          }
          timers.clear();
          running = false;
        });
    try {
      thread.join(5_000);
      LockSupport.unpark(alarm);
      alarm.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      selector.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "closing the selector", e);
    }
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
          if (key.attachment() instanceof Listener listener) {
            if (key.isValid() && key.isAcceptable()) {
              listener.accept();
            }
          } else if (key.attachment() instanceof Connection connection) {
            if (key.isValid() && key.isWritable()) {
              connection.flush();
            }
            if (key.isValid() && key.isReadable()) {
              connection.read();
            }
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
    Timer next = timers.peek();
    if (next == null) {
      selector.select();
      return;
    }
    long left = next.deadlineNanos() - System.nanoTime();
    if (left <= 0) {
      selector.selectNow();
      return;
    }
    // The selector counts whole milliseconds: rounded up, so that a timer never runs early, and
    // the alarm wakes it on time.
    if (alarmAt.getAndSet(next.deadlineNanos()) != next.deadlineNanos()) {
      LockSupport.unpark(alarm);
    }
    selector.select((left + 999_999) / 1_000_000);
  }

  /** The alarm thread: wakes the selector at each time the loop sets. */
  private void ringAlarms() {
    while (running) {
      long at = alarmAt.get();
      if (at == NO_ALARM) {
        LockSupport.park(this);
        continue;
      }
      long left = at - System.nanoTime();
      if (left > 0) {
        // Unparked early when the loop sets an earlier time.
        LockSupport.parkNanos(this, left);
      } else if (alarmAt.compareAndSet(at, NO_ALARM)) {
        selector.wakeup();
      }
    }
  }

  private void runTasks() {
    for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
      run(task);
    }
  }

  private void runDueTimers() {
    long now = System.nanoTime();
    for (Timer next = timers.peek();
        next != null && next.deadlineNanos() - now <= 0;
        next = timers.peek()) {
      timers.poll();
      run(next.task());
    }
  }

  private void run(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "a task on " + thread.getName() + " failed", e);
    }
  }

  /** A task due at a nanoTime; {@code sequence} keeps tasks due at once in scheduling order. */
  private record Timer(long deadlineNanos, long sequence, Runnable task)
      implements Comparable<Timer> {
    @Override
    public int compareTo(Timer other) {
      // nanoTime values are compared by their difference: they may wrap around.
      long difference = deadlineNanos - other.deadlineNanos;
      return difference != 0 ? Long.signum(difference) : Long.compare(sequence, other.sequence);
    }
  }

  /** One bound address and its open connections. */
  public final class Listener implements AutoCloseable {
    private final ServerSocketChannel channel;
    private final Handler handler;
    private final int port;
    private final Set<Connection> connections = new HashSet<>();
    private SelectionKey key;
    private boolean closed;

    private Listener(ServerSocketChannel channel, Handler handler) throws IOException {
      this.channel = channel;
      this.handler = handler;
      this.port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    public int port() {
      return port;
    }

    /**
     * Reads every connection of this listener for an end of stream or a reset not noticed yet
     * (reporting them), then runs {@code then}, on the loop's thread; at once when the loop has
     * stopped.
     */
    public void probeThen(Runnable then) {
      if (!running) {
        then.run();
        return;
      }
      execute(
          () -> {
            for (Connection connection : new ArrayList<>(connections)) {
              connection.probeClosed();
            }
            then.run();
          });
    }

    /** Stops listening and closes its connections; their pending exchanges go unanswered. */
    @Override
    public void close() {
      execute(this::closeOnLoop);
    }

    private void register() {
      if (closed) {
        return;
      }
      try {
        key = channel.register(selector, SelectionKey.OP_ACCEPT, this);
        listeners.add(this);
      } catch (ClosedChannelException e) {
        closed = true;
      }
    }

    private void accept() {
      for (int i = 0; i < 64; i++) {
        SocketChannel socket;
        try {
          socket = channel.accept();
          if (socket == null) {
            return;
          }
          socket.configureBlocking(false);
          socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
          Connection connection = new Connection(socket, this);
          connection.key = socket.register(selector, SelectionKey.OP_READ, connection);
          connections.add(connection);
        } catch (IOException e) {
          LOG.log(Level.DEBUG, "accepting a connection", e);
          return;
        }
      }
    }

    private void closeOnLoop() {
      if (closed) {
        return;
      }
      closed = true;
      listeners.remove(this);
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
  }

  /** A request's head, kept while its body arrives. */
  private record Head(
      String method,
      String path,
      String query,
      Map<String, String> headers,
      int bodyStart,
      long contentLength,
      boolean chunked,
      boolean keepAlive,
      boolean expectContinue) {}

  /** Thrown while parsing: answered with {@code status}, then the connection is closed. */
  private static final class BadRequest extends Exception {
    private final int status;

    BadRequest(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /** One client connection; touched only on the loop's thread. */
  private final class Connection {
    private final SocketChannel channel;
    private final Listener listener;
    private SelectionKey key;
    private byte[] in = new byte[INITIAL_BUFFER];
    private int inLength;
    private int scannedTo;
    private Head head;
    private boolean continueSent;
    private Exchange outstanding;
    private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    private boolean closeAfterWrite;
    private boolean processing;
    private boolean closed;

    private Connection(SocketChannel channel, Listener listener) {
      this.channel = channel;
      this.listener = listener;
    }

    private void read() {
      while (!closed) {
        if (inLength == in.length && !grow()) {
          reject(new BadRequest(413, "request too large"));
          return;
        }
        int n;
        try {
          n = channel.read(ByteBuffer.wrap(in, inLength, in.length - inLength));
        } catch (IOException e) {
          closeByPeer(true);
          return;
        }
        if (n < 0) {
          closeByPeer(false);
          return;
        }
        if (n == 0) {
          break;
        }
        inLength += n;
        if (inLength < in.length) {
          break;
        }
      }
      process();
    }

    private boolean grow() {
      long limit = (long) MAX_HEAD_BYTES + maxBodyBytes + 64 * 1024;
      if (in.length >= limit) {
        return false;
      }
      in = Arrays.copyOf(in, (int) Math.min(limit, (long) in.length * 2));
      return true;
    }

    /** Parses and hands over requests while none is outstanding. */
    private void process() {
      if (processing) {
        return;
      }
      processing = true;
      try {
        while (!closed && !closeAfterWrite && outstanding == null) {
          HttpRequest request;
          boolean keepAlive;
          try {
            if (head == null && (head = parseHead()) == null) {
              return;
            }
            keepAlive = head.keepAlive();
            request = parseBody();
          } catch (BadRequest e) {
            reject(e);
            return;
          }
          if (request == null) {
            if (head.expectContinue() && !continueSent) {
              continueSent = true;
              out.add(ByteBuffer.wrap(CONTINUE));
              flush();
            }
            return;
          }
          Exchange exchange = new Exchange(this, request, keepAlive);
          outstanding = exchange;
          try {
            listener.handler.handle(exchange);
          } catch (RuntimeException e) {
            LOG.log(
                Level.ERROR, "a handler failed on " + request.method() + " " + request.path(), e);
            exchange.respond(listener.handler.failed(request, e));
          }
        }
      } finally {
        processing = false;
      }
    }

    private Head parseHead() throws BadRequest {
      int end = indexOf(in, Math.max(0, scannedTo - 3), inLength, "\r\n\r\n");
      if (end < 0) {
        scannedTo = inLength;
        if (inLength > MAX_HEAD_BYTES) {
          throw new BadRequest(431, "request head larger than " + MAX_HEAD_BYTES + " bytes");
        }
        return null;
      }
      List<String> lines = lines(new String(in, 0, end, StandardCharsets.ISO_8859_1));
      String[] start = lines.get(0).split(" ");
      if (start.length != 3 || !start[2].startsWith("HTTP/1.")) {
        throw new BadRequest(400, "malformed request line: " + lines.get(0));
      }
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line : lines.subList(1, lines.size())) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
          throw new BadRequest(400, "malformed header line: " + line);
        }
        String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).trim();
        headers.merge(name, value, (a, b) -> a + ", " + b);
      }
      String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
      boolean keepAlive =
          start[2].equals("HTTP/1.0")
              ? connection.contains("keep-alive")
              : !connection.contains("close");
      boolean chunked =
          headers
              .getOrDefault("transfer-encoding", "")
              .toLowerCase(Locale.ROOT)
              .contains("chunked");
      long length = 0;
      if (!chunked && headers.containsKey("content-length")) {
        try {
          length = Long.parseLong(headers.get("content-length"));
        } catch (NumberFormatException e) {
          throw new BadRequest(400, "malformed Content-Length");
        }
        if (length < 0) {
          throw new BadRequest(400, "negative Content-Length");
        }
        if (length > maxBodyBytes) {
          throw new BadRequest(413, "body larger than " + maxBodyBytes + " bytes");
        }
      }
      String target = start[1];
      int question = target.indexOf('?');
      return new Head(
          start[0],
          question < 0 ? target : target.substring(0, question),
          question < 0 ? "" : target.substring(question + 1),
          headers,
          end + 4,
          length,
          chunked,
          keepAlive,
          "100-continue".equalsIgnoreCase(headers.getOrDefault("expect", "")));
    }

    /** The request once its whole body is here, else null; consumes it from the buffer. */
    private HttpRequest parseBody() throws BadRequest {
      byte[] body;
      int consumed;
      if (head.chunked()) {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        consumed = dechunk(head.bodyStart(), chunks);
        if (consumed < 0) {
          return null;
        }
        body = chunks.toByteArray();
      } else {
        long end = head.bodyStart() + head.contentLength();
        if (inLength < end) {
          return null;
        }
        consumed = (int) end;
        body = Arrays.copyOfRange(in, head.bodyStart(), consumed);
      }
      HttpRequest request =
          new HttpRequest(head.method(), head.path(), head.query(), head.headers(), body);
      System.arraycopy(in, consumed, in, 0, inLength - consumed);
      inLength -= consumed;
      if (in.length > INITIAL_BUFFER && inLength <= INITIAL_BUFFER) {
        in = Arrays.copyOf(in, INITIAL_BUFFER);
      }
      head = null;
      scannedTo = 0;
      continueSent = false;
      return request;
    }

    /** Decodes a chunked body from {@code start}; returns where it ends, or -1 if incomplete. */
    private int dechunk(int start, ByteArrayOutputStream body) throws BadRequest {
      int position = start;
      while (true) {
        int lineEnd = indexOf(in, position, inLength, "\r\n");
        if (lineEnd < 0) {
          return -1;
        }
        String sizeText = new String(in, position, lineEnd - position, StandardCharsets.US_ASCII);
        int semicolon = sizeText.indexOf(';');
        long size;
        try {
          size =
              Long.parseLong(
                  (semicolon < 0 ? sizeText : sizeText.substring(0, semicolon)).trim(), 16);
        } catch (NumberFormatException e) {
          throw new BadRequest(400, "malformed chunk size: " + sizeText);
        }
        position = lineEnd + 2;
        if (size == 0) {
          // Trailers, if any, end with an empty line.
          if (inLength - position >= 2 && in[position] == '\r' && in[position + 1] == '\n') {
            return position + 2;
          }
          int trailersEnd = indexOf(in, position, inLength, "\r\n\r\n");
          return trailersEnd < 0 ? -1 : trailersEnd + 4;
        }
        if (size < 0 || body.size() + size > maxBodyBytes) {
          throw new BadRequest(413, "body larger than " + maxBodyBytes + " bytes");
        }
        if (inLength - position < size + 2) {
          return -1;
        }
        body.write(in, position, (int) size);
        position += (int) size + 2;
      }
    }

    private void reject(BadRequest e) {
      String json = "{\"message\":\"" + e.getMessage().replace("\"", "'") + "\"}";
      closeAfterWrite = true;
      Collections.addAll(out, encode(HttpResponse.json(e.status, json), false, true));
      flush();
    }

    /**
     * True when the client has closed the connection: reads what is there (it stays buffered) to
     * see an end of stream not yet noticed, and closes the connection if so.
     */
    private boolean probeClosed() {
      if (closed) {
        return true;
      }
      if (inLength == in.length && !grow()) {
        return false;
      }
      boolean reset = false;
      try {
        int n = channel.read(ByteBuffer.wrap(in, inLength, in.length - inLength));
        if (n > 0) {
          inLength += n;
        }
        if (n >= 0) {
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
      listener.handler.disconnected(this, reset);
    }

    /** Queues one whole response for {@code exchange}; runs on the loop's thread. */
    private void send(Exchange exchange, ByteBuffer[] bytes, boolean close) {
      if (closed) {
        return;
      }
      Collections.addAll(out, bytes);
      if (outstanding == exchange) {
        outstanding = null;
      }
      if (close) {
        closeAfterWrite = true;
      }
      flush();
      if (!closed) {
        process();
      }
    }

    private void flush() {
      while (!out.isEmpty()) {
        try {
          // One gathering write for all that is queued: a response's head and body, and the
          // answers queued behind it, leave in one system call.
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
          key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
          return;
        }
      }
      if (closeAfterWrite) {
        close();
        return;
      }
      if (key.isValid() && key.interestOps() != SelectionKey.OP_READ) {
        key.interestOps(SelectionKey.OP_READ);
      }
    }

    private void close() {
      if (closed) {
        return;
      }
      closed = true;
      key.cancel();
      try {
        channel.close();
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "closing a connection", e);
      }
      listener.connections.remove(this);
      Exchange pending = outstanding;
      outstanding = null;
      if (pending != null && !pending.answered.get()) {
        listener.handler.abandoned(pending);
      }
    }
  }

  /** One request and, once, its response; {@link #respond} may be called from any thread. */
  public final class Exchange {
    private final Connection connection;
    private final HttpRequest request;
    private final boolean keepAlive;
    private final AtomicBoolean answered = new AtomicBoolean();

    private Exchange(Connection connection, HttpRequest request, boolean keepAlive) {
      this.connection = connection;
      this.request = request;
      this.keepAlive = keepAlive;
    }

    public HttpRequest request() {
      return request;
    }

    /** The connection the request came on, as an opaque identity. */
    public Object connection() {
      return connection;
    }

    /**
     * False once the connection is closed (by either side): an answer would go nowhere. Exact on
     * the loop's thread; elsewhere it may lag.
     */
    public boolean open() {
      return !connection.closed;
    }

    /**
     * Sends {@code response}; later calls are ignored. Returns at once: the bytes are written on
     * the loop's thread (right away when called on it).
     */
    public void respond(HttpResponse response) {
      if (!answered.compareAndSet(false, true)) {
        return;
      }
      ByteBuffer[] bytes = encode(response, keepAlive, bodyAllowed());
      if (inLoop()) {
        connection.send(this, bytes, !keepAlive);
      } else {
        execute(() -> connection.send(this, bytes, !keepAlive));
      }
    }

    /**
     * Sends {@code response} unless the client is found to have closed the connection just before;
     * then runs {@code ifClosed} instead. For handing an event to a runtime whose process may have
     * died while it waited: the event must then go to another instance, not into a dead socket.
     */
    public void respondUnlessClosed(HttpResponse response, Runnable ifClosed) {
      if (!answered.compareAndSet(false, true)) {
        return;
      }
      ByteBuffer[] bytes = encode(response, keepAlive, bodyAllowed());
      Runnable attempt =
          () -> {
            if (connection.probeClosed()) {
              ifClosed.run();
            } else {
              connection.send(this, bytes, !keepAlive);
            }
          };
      if (inLoop()) {
        attempt.run();
      } else {
        execute(attempt);
      }
    }

    /** An answer to HEAD has the headers of the answer to GET and never a body. */
    private boolean bodyAllowed() {
      return !request.method().equals("HEAD");
    }
  }

  /**
   * Status line, headers and Content-Length, then the body (not copied), to leave in one gathering
   * write. Without the body when {@code sendBody} is false (an answer to HEAD), with the
   * Content-Length it would have.
   */
  static ByteBuffer[] encode(HttpResponse response, boolean keepAlive, boolean sendBody) {
    StringBuilder head = new StringBuilder(256);
    head.append("HTTP/1.1 ")
        .append(response.status())
        .append(' ')
        .append(reason(response.status()))
        .append("\r\n");
    for (Map.Entry<String, String> header : response.headers().entrySet()) {
      head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
    }
    boolean bodyAllowed = response.status() != 204 && response.status() != 304;
    if (bodyAllowed) {
      head.append("Content-Length: ").append(response.body().length).append("\r\n");
    }
    if (!keepAlive) {
      head.append("Connection: close\r\n");
    }
    head.append("\r\n");
    ByteBuffer headBytes = ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (!bodyAllowed || !sendBody || response.body().length == 0) {
      return new ByteBuffer[] {headBytes};
    }
    return new ByteBuffer[] {headBytes, ByteBuffer.wrap(response.body())};
  }

  /** The lines of a request's head, split on CRLF, without trailing empty lines. */
  private static List<String> lines(String head) {
    List<String> lines = new ArrayList<>(16);
    int from = 0;
    for (int end = head.indexOf("\r\n"); end >= 0; end = head.indexOf("\r\n", from)) {
      lines.add(head.substring(from, end));
      from = end + 2;
    }
    lines.add(head.substring(from));
    while (lines.size() > 1 && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 400 -> "Bad Request";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 410 -> "Gone";
      case 413 -> "Payload Too Large";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      default -> "Status";
    };
  }

  private static int indexOf(byte[] data, int from, int to, String needle) {
    byte first = (byte) needle.charAt(0);
    outer:
    for (int i = from; i <= to - needle.length(); i++) {
      if (data[i] != first) {
        continue;
      }
      for (int j = 1; j < needle.length(); j++) {
        if (data[i + j] != (byte) needle.charAt(j)) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
