package dev.fanout.units;

import static dev.fanout.units.testing.LocalOrigin.html;
import static dev.fanout.units.testing.LocalOrigin.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.Fetched;
import dev.fanout.api.HttpFetcher;
import dev.fanout.api.Unit;
import dev.fanout.api.UnitJson;
import dev.fanout.units.http.ApacheHttpFetcher;
import dev.fanout.units.http.DestinationPolicy;
import dev.fanout.units.http.FetchLimits;
import dev.fanout.units.ledger.LockedMemoryLedger;
import dev.fanout.units.store.DirectoryObjectStore;
import dev.fanout.units.store.ObjectStore;
import dev.fanout.units.testing.LocalOrigin;
import dev.fanout.units.testing.TestLoop;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** download, image and scrape against a real HTTP server on 127.0.0.1, blocking and async. */
class IoUnitsTest {
  private static final String POKEDEX_1 =
      """
      <!doctype html>
      <html><head><title>Bulbasaur Pokedex</title></head>
      <body><h2>National No. 0001</h2>
      <main><h1>Bulbasaur</h1><p>A strange seed was planted on its back at birth.</p>
      <h1>Ivysaur</h1></main></body></html>
      """;

  private static final byte[] JPEG = bytes(12_345);

  @TempDir Path storeRoot;

  private LocalOrigin origin;
  private ApacheHttpFetcher fetcher;
  private TestLoop loop;
  private final Set<Thread> fetchCallers = ConcurrentHashMap.newKeySet();
  private final Set<Thread> storeCallers = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void start() throws Exception {
    origin =
        LocalOrigin.start()
            .route("/pages/jython", html("<html><body><p>Jython</p></body></html>"))
            .route("/id/7/200/300", respond(200, "image/jpeg", JPEG))
            .route("/pokedex/1", html(POKEDEX_1))
            .route("/pokedex/2", html("<html><body><h2>Ivysaur</h2></body></html>"));
    fetcher =
        ApacheHttpFetcher.create(
            new FetchLimits(Duration.ofSeconds(5), 100_000, 3), DestinationPolicy.anyHttp());
    loop = TestLoop.named("unit-loop");
  }

  @AfterEach
  void stop() {
    loop.close();
    origin.close();
    fetcher.close();
  }

  private static byte[] bytes(int size) {
    byte[] body = new byte[size];
    new Random(42).nextBytes(body);
    return body;
  }

  /** The units wired to the real fetcher and store, through decorators that note the caller. */
  private UnitCatalog catalog() {
    HttpFetcher recordingFetcher =
        new HttpFetcher() {
          @Override
          public Fetched get(URI uri) {
            fetchCallers.add(Thread.currentThread());
            return fetcher.get(uri);
          }

          @Override
          public CompletableFuture<Fetched> getAsync(URI uri, Executor executor) {
            fetchCallers.add(Thread.currentThread());
            return fetcher.getAsync(uri, executor);
          }
        };
    DirectoryObjectStore directory = new DirectoryObjectStore(storeRoot);
    ObjectStore recordingStore =
        (key, bytes, contentType) -> {
          storeCallers.add(Thread.currentThread());
          return directory.put(key, bytes, contentType);
        };
    return UnitCatalog.create(
        new UnitDependencies(
            recordingFetcher, recordingStore, origin.uri("/pokedex/"), new LockedMemoryLedger()));
  }

  private JsonNode call(String unit, String json) {
    return catalog().unit(unit).call(UnitJson.parse("test", json), Deadline.none());
  }

  private static String sha256Hex(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void download_returnsUrlStatusAndBytesRead() {
    String url = origin.uri("/pages/jython").toString();

    JsonNode out = call("download", "{\"url\": \"" + url + "\"}");

    assertThat(out.get("url").textValue()).isEqualTo(url);
    assertThat(out.get("status").asInt()).isEqualTo(200);
    assertThat(out.get("bytes").asLong())
        .isEqualTo("<html><body><p>Jython</p></body></html>".length());
    assertThat(out.size()).isEqualTo(3);
    assertThat(origin.requests("/pages/jython")).isEqualTo(1);
  }

  @Test
  void download_failsOnAMissingPage() {
    String url = origin.uri("/pages/missing").toString();

    assertThatThrownBy(() -> call("download", "{\"url\": \"" + url + "\"}"))
        .isInstanceOf(FetchException.class)
        .hasMessage("GET " + url + " answered HTTP 404");
  }

  @Test
  void image_storesTheJpegUnderImagesIdAndReportsBytesAndSha256() throws Exception {
    String url = origin.uri("/id/7/200/300").toString();

    JsonNode out = call("image", "{\"id\": 7, \"url\": \"" + url + "\"}");

    Path stored = storeRoot.resolve("images/7.jpg");
    assertThat(out.get("id").asInt()).isEqualTo(7);
    assertThat(out.get("bytes").asLong()).isEqualTo(12_345);
    assertThat(out.get("sha256").textValue()).isEqualTo(sha256Hex(JPEG)).hasSize(64);
    assertThat(out.get("storedAt").textValue()).isEqualTo(stored.toString());
    assertThat(Files.readAllBytes(stored)).isEqualTo(JPEG);
    try (Stream<Path> files = Files.walk(storeRoot)) {
      assertThat(files.filter(Files::isRegularFile)).containsExactly(stored);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "image/png, images/3.png",
    "image/webp, images/3.webp",
    "IMAGE/JPEG; charset=binary, images/3.jpg",
    "application/octet-stream, images/3.bin"
  })
  void image_namesTheStoredFileAfterTheContentType(String contentType, String key)
      throws Exception {
    origin.route("/typed", respond(200, contentType, JPEG));

    JsonNode out = call("image", "{\"id\": 3, \"url\": \"" + origin.uri("/typed") + "\"}");

    assertThat(out.get("storedAt").textValue()).isEqualTo(storeRoot.resolve(key).toString());
    assertThat(Files.readAllBytes(storeRoot.resolve(key))).isEqualTo(JPEG);
  }

  @Test
  void image_storesNothingWhenTheFetchFails() throws Exception {
    origin.route("/huge", respond(200, "image/jpeg", new byte[100_001]));

    assertThatThrownBy(() -> call("image", "{\"id\": 1, \"url\": \"" + origin.uri("/huge") + "\"}"))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining("over the limit of 100000 bytes");
    try (Stream<Path> files = Files.list(storeRoot)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void scrape_returnsTheTextOfTheFirstH1() {
    JsonNode out = call("scrape", "{\"number\": 1}");

    assertThat(out.get("number").asInt()).isEqualTo(1);
    assertThat(out.get("name").textValue()).isEqualTo("Bulbasaur");
    assertThat(out.size()).isEqualTo(2);
    assertThat(origin.requests("/pokedex/1")).isEqualTo(1);
  }

  @Test
  void scrape_failsOnAPageWithoutH1() {
    assertThatThrownBy(() -> call("scrape", "{\"number\": 2}"))
        .isInstanceOfSatisfying(
            FetchException.class, e -> assertThat(e.errorType()).isEqualTo("FetchFailed"))
        .hasMessage("the page " + origin.uri("/pokedex/2") + " has no <h1> to scrape");
  }

  /** Runs {@code callAsync} with the loop held until its observers are attached. */
  private JsonNode callAsyncOnLoop(String unit, ObjectNode input) throws Exception {
    Unit<?, ?> called = catalog().unit(unit);
    TestLoop.Observed<JsonNode> call =
        loop.observe(() -> called.callAsync(input, Deadline.none(), loop));
    assertThat(call.completionThread()).as("completed on").isSameAs(loop.thread());
    return call.result().get(5, TimeUnit.SECONDS);
  }

  @Test
  void download_asyncGivesTheBlockingResultWithAllStagesOnTheLoop() throws Exception {
    ThreadRecordingNode input = new ThreadRecordingNode();
    input.put("url", origin.uri("/pages/jython").toString());

    JsonNode async = callAsyncOnLoop("download", input);

    assertThat(input.readers).as("parsed on").containsExactly(loop.thread());
    assertThat(fetchCallers).as("fetched from").containsExactly(loop.thread());
    assertThat(async).isEqualTo(catalog().unit("download").call(input, Deadline.none()));
  }

  @Test
  void image_asyncGivesTheBlockingResultWithAllStagesOnTheLoop() throws Exception {
    ThreadRecordingNode input = new ThreadRecordingNode();
    input.put("id", 7).put("url", origin.uri("/id/7/200/300").toString());

    JsonNode async = callAsyncOnLoop("image", input);

    assertThat(input.readers).as("parsed on").containsExactly(loop.thread());
    assertThat(fetchCallers).as("fetched from").containsExactly(loop.thread());
    assertThat(storeCallers).as("stored from").containsExactly(loop.thread());
    assertThat(Files.readAllBytes(storeRoot.resolve("images/7.jpg"))).isEqualTo(JPEG);
    assertThat(async).isEqualTo(catalog().unit("image").call(input, Deadline.none()));
  }

  @Test
  void scrape_asyncGivesTheBlockingResultWithAllStagesOnTheLoop() throws Exception {
    ThreadRecordingNode input = new ThreadRecordingNode();
    input.put("number", 1);

    JsonNode async = callAsyncOnLoop("scrape", input);

    assertThat(input.readers).as("parsed on").containsExactly(loop.thread());
    assertThat(fetchCallers).as("fetched from").containsExactly(loop.thread());
    assertThat(async.get("name").textValue()).isEqualTo("Bulbasaur");
    assertThat(async).isEqualTo(catalog().unit("scrape").call(input, Deadline.none()));
  }

  @Test
  void scrape_asyncFailsOnAPageWithoutH1OnTheLoop() throws Exception {
    Unit<?, ?> scrape = catalog().unit("scrape");
    JsonNode input = UnitJson.parse("test", "{\"number\": 2}");

    TestLoop.Observed<JsonNode> call =
        loop.observe(() -> scrape.callAsync(input, Deadline.none(), loop));

    assertThat(call.completionThread()).isSameAs(loop.thread());
    assertThatThrownBy(() -> call.result().get(5, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(FetchException.class)
        .hasMessageContaining("has no <h1>");
  }

  /** An input object that notes every thread that reads it, to prove parsing runs on the loop. */
  // Jackson's own ObjectNode.deepCopy() narrows a generic return type; inheriting it is unchecked.
  @SuppressWarnings("unchecked")
  private static final class ThreadRecordingNode extends ObjectNode {
    private final Set<Thread> readers = ConcurrentHashMap.newKeySet();

    ThreadRecordingNode() {
      super(JsonNodeFactory.instance);
    }

    @Override
    public JsonNode get(String propertyName) {
      readers.add(Thread.currentThread());
      return super.get(propertyName);
    }

    @Override
    public Iterator<String> fieldNames() {
      readers.add(Thread.currentThread());
      return super.fieldNames();
    }
  }
}
