package dev.fanout.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's headless Chromium, driven over the DevTools protocol on 127.0.0.1 (a WebSocket from the
 * JDK's own HTTP client, no driver and no download): loads a page, evaluates script in it, collects
 * what it logs as errors, and takes screenshots.
 */
public final class Chromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<String> errors = new ArrayList<>(); // guarded by itself
  private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

  private Chromium(Process process, URI page) {
    this.process = process;
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(TIMEOUT)
            .buildAsync(page, new Listener())
            .orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
            .join();
  }

  /**
   * The Chromium to use: {@code FANOUT_CHROMIUM} if set, else the first of Debian's and the usual
   * install paths that exists.
   */
  public static Optional<Path> find() {
    String given = System.getenv("FANOUT_CHROMIUM");
    List<String> candidates =
        given != null && !given.isBlank()
            ? List.of(given)
            : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
  }

  /** Why the browser tests are skipped where there is no Chromium. */
  public static final String MISSING =
      "no Chromium (looked for FANOUT_CHROMIUM, /usr/bin/chromium, /usr/bin/chromium-browser,"
          + " /usr/bin/google-chrome): the browser check of the HTML report is skipped. scripts/test"
          + " installs Debian's chromium when run as root where apt-get is available.";

  /**
   * Starts a headless browser with a fresh profile in {@code profile} and a window of that size.
   */
  public static Chromium start(Path binary, Path profile, int width, int height) {
    try {
      Files.createDirectories(profile);
      // A port file left by an earlier browser in the same profile would point at nothing.
      Files.deleteIfExists(profile.resolve("DevToolsActivePort"));
      Process process =
          new ProcessBuilder(
                  binary.toString(),
                  "--headless",
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-quic",
                  "--no-first-run",
                  "--disable-background-networking",
                  "--disable-component-update",
                  "--disable-sync",
                  "--hide-scrollbars",
                  "--user-data-dir=" + profile.toAbsolutePath(),
                  "--window-size=" + width + "," + height,
                  "--remote-debugging-address=127.0.0.1",
                  "--remote-debugging-port=0",
                  "about:blank")
              .redirectErrorStream(true)
              .redirectOutput(profile.resolve("chromium.log").toFile())
              .start();
      try {
        int port = devToolsPort(profile, process);
        Chromium chromium = new Chromium(process, pageSocket(port));
        chromium.send("Page.enable", null);
        chromium.send("Runtime.enable", null);
        chromium.send("Log.enable", null);
        ObjectNode metrics = JSON.createObjectNode();
        metrics.put("width", width).put("height", height).put("deviceScaleFactor", 1);
        metrics.put("mobile", false);
        chromium.send("Emulation.setDeviceMetricsOverride", metrics);
        return chromium;
      } catch (RuntimeException e) {
        process.destroyForcibly();
        throw new IllegalStateException(e.getMessage() + "; Chromium's log: " + log(profile), e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary + ": " + e, e);
    }
  }

  /** Opens a file and waits for its load event. */
  public void load(Path file) {
    loaded = new CompletableFuture<>();
    ObjectNode params = JSON.createObjectNode().put("url", file.toUri().toString());
    JsonNode answer = send("Page.navigate", params);
    if (answer.hasNonNull("errorText")) {
      throw new IllegalStateException("cannot load " + file + ": " + answer.get("errorText"));
    }
    await(loaded, "the load event of " + file);
  }

  /** The value of a JavaScript expression, as JSON. */
  public JsonNode evaluate(String expression) {
    ObjectNode params = JSON.createObjectNode();
    params.put("expression", expression).put("returnByValue", true).put("awaitPromise", true);
    JsonNode answer = send("Runtime.evaluate", params);
    if (answer.has("exceptionDetails")) {
      throw new IllegalStateException(
          "the page could not evaluate " + expression + ": " + answer.get("exceptionDetails"));
    }
    return answer.path("result").path("value");
  }

  /** Errors the page logged: console errors, uncaught exceptions, failed loads. */
  public List<String> errors() {
    synchronized (errors) {
      return List.copyOf(errors);
    }
  }

  /** A PNG of the viewport, or of the area {@code x, y, width, height} of the page. */
  public void screenshot(Path file, double[] clip) {
    ObjectNode params = JSON.createObjectNode().put("format", "png");
    if (clip != null) {
      params.put("captureBeyondViewport", true);
      params
          .putObject("clip")
          .put("x", clip[0])
          .put("y", clip[1])
          .put("width", clip[2])
          .put("height", clip[3])
          .put("scale", 1);
    }
    JsonNode answer = send("Page.captureScreenshot", params);
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.write(file, Base64.getDecoder().decode(answer.get("data").asText()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  @Override
  public void close() {
    try {
      send("Browser.close", null);
    } catch (RuntimeException e) {
      // Closing anyway, below.
    }
    socket.abort();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private JsonNode send(String method, JsonNode params) {
    int id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    if (params != null) {
      message.set("params", params);
    }
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    synchronized (socket) {
      socket.sendText(message.toString(), true).join();
    }
    JsonNode reply = await(answer, method);
    if (reply.has("error")) {
      throw new IllegalStateException(method + " failed: " + reply.get("error"));
    }
    return reply.path("result");
  }

  private static <T> T await(CompletableFuture<T> future, String what) {
    try {
      return future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Chromium did not answer " + what + " in " + TIMEOUT, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(what + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for " + what, e);
    }
  }

  private void event(JsonNode message) {
    String method = message.path("method").asText();
    JsonNode params = message.path("params");
    String error =
        switch (method) {
          case "Page.loadEventFired" -> {
            loaded.complete(null);
            yield null;
          }
          case "Runtime.consoleAPICalled" ->
              params.path("type").asText().matches("error|assert")
                  ? "console." + params.path("type").asText() + ": " + params.path("args")
                  : null;
          case "Runtime.exceptionThrown" ->
              "uncaught: "
                  + params
                      .path("exceptionDetails")
                      .path("exception")
                      .path("description")
                      .asText(params.path("exceptionDetails").path("text").asText());
          case "Log.entryAdded" ->
              params.path("entry").path("level").asText().equals("error")
                  ? "log: "
                      + params.path("entry").path("text").asText()
                      + " "
                      + params.path("entry").path("url").asText()
                  : null;
          default -> null;
        };
    if (error != null) {
      synchronized (errors) {
        errors.add(error);
      }
    }
  }

  /** Reads each whole message (they come in parts) and routes it to its caller or to events. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          JsonNode message = JSON.readTree(text.toString());
          if (message.has("id")) {
            CompletableFuture<JsonNode> waiting = pending.remove(message.get("id").asInt());
            if (waiting != null) {
              waiting.complete(message);
            }
          } else {
            event(message);
          }
        } catch (IOException e) {
          synchronized (errors) {
            errors.add("unreadable DevTools message: " + e);
          }
        }
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }

  private static int devToolsPort(Path profile, Process process) {
    Path file = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (Files.exists(file)) {
          List<String> lines = Files.readAllLines(file);
          if (!lines.isEmpty() && !lines.get(0).isBlank()) {
            return Integer.parseInt(lines.get(0).trim());
          }
        }
        if (!process.isAlive()) {
          throw new IllegalStateException("Chromium exited with " + process.exitValue());
        }
        Thread.sleep(50);
      } catch (IOException e) {
        // Not written whole yet: read again.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for Chromium", e);
      }
    }
    throw new IllegalStateException("Chromium wrote no DevToolsActivePort in " + TIMEOUT);
  }

  private static URI pageSocket(int port) {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest list =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
            .timeout(TIMEOUT)
            .build();
    for (int attempt = 0; attempt < 100; attempt++) {
      try {
        JsonNode targets =
            JSON.readTree(http.send(list, HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode target : targets) {
          if (target.path("type").asText().equals("page")) {
            return URI.create(target.get("webSocketDebuggerUrl").asText());
          }
        }
        Thread.sleep(100);
      } catch (IOException e) {
        // Not serving yet: ask again.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for Chromium's page", e);
      }
    }
    throw new IllegalStateException("Chromium listed no page on port " + port);
  }

  private static String log(Path profile) {
    try {
      String log = Files.readString(profile.resolve("chromium.log"));
      return log.length() > 2000 ? log.substring(log.length() - 2000) : log;
    } catch (IOException e) {
      return "(none: " + e + ")";
    }
  }
}
