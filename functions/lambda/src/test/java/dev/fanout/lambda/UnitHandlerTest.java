package dev.fanout.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.UnitJson;
import dev.fanout.units.StoreException;
import dev.fanout.units.http.ApacheHttpFetcher;
import dev.fanout.units.http.DestinationPolicy;
import dev.fanout.units.http.FetchLimits;
import dev.fanout.units.store.InMemoryObjectStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The handlers called directly, as the Lambda runtime calls them, without Quarkus. */
class UnitHandlerTest {
  private static final Duration MARGIN = Duration.ofMillis(500);
  private static final Context PLENTY_OF_TIME = new FakeContext(60_000);

  /** One millisecond left once the margin is taken off. */
  private static final Context NO_TIME = new FakeContext(501);

  private static TestOrigin origin;
  private static ApacheHttpFetcher fetcher;

  @BeforeAll
  static void startOrigin() {
    origin = TestOrigin.start();
    fetcher =
        ApacheHttpFetcher.create(
            FetchLimits.defaults().withTimeout(Duration.ofSeconds(5)), DestinationPolicy.anyHttp());
  }

  @AfterAll
  static void stopOrigin() {
    fetcher.close();
    origin.close();
  }

  @Test
  void fib_returnsTheUnitsJson() throws IOException {
    assertThat(invoke(new FibHandler(MARGIN), "{\"n\": 30}", PLENTY_OF_TIME))
        .isEqualTo(json("{\"n\":30,\"value\":514229}"));
  }

  @Test
  void sumsq_returnsTheExactSumAsAString() throws IOException {
    long n = 5_000_000;
    BigInteger big = BigInteger.valueOf(n);
    BigInteger expected =
        big.subtract(BigInteger.ONE)
            .multiply(big)
            .multiply(big.shiftLeft(1).subtract(BigInteger.ONE))
            .divide(BigInteger.valueOf(6));

    JsonNode out = invoke(new SumsqHandler(MARGIN), "{\"n\": " + n + "}", PLENTY_OF_TIME);

    assertThat(out.get("sum").textValue()).isEqualTo(expected.toString());
  }

  @Test
  void powerloop_endsNearStartPlusIterations() throws IOException {
    JsonNode out =
        invoke(
            new PowerloopHandler(MARGIN), "{\"start\": 1, \"iterations\": 1000}", PLENTY_OF_TIME);

    assertThat(out.get("result").doubleValue()).isCloseTo(1001.0, within(1e-6));
  }

  @Test
  void nap_sleepsAndSaysHowLong() throws IOException {
    assertThat(invoke(new NapHandler(MARGIN), "{\"millis\": 5}", PLENTY_OF_TIME))
        .isEqualTo(json("{\"sleptMillis\":5}"));
  }

  @Test
  void download_readsThePage() throws IOException {
    String url = origin.uri("/page").toString();

    assertThat(invoke(new DownloadHandler(fetcher, MARGIN), urlEvent(url), PLENTY_OF_TIME))
        .isEqualTo(
            json(
                "{\"url\":\""
                    + url
                    + "\",\"status\":200,\"bytes\":"
                    + TestOrigin.PAGE.length
                    + "}"));
  }

  @Test
  void image_storesTheBytesAndReturnsTheirDigest() throws Exception {
    InMemoryObjectStore store = new InMemoryObjectStore();
    String event = "{\"id\": 3, \"url\": \"" + origin.uri("/image.png") + "\"}";

    JsonNode out = invoke(new ImageHandler(fetcher, store, MARGIN), event, PLENTY_OF_TIME);

    String sha256 =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(TestOrigin.PNG));
    assertThat(out)
        .isEqualTo(
            json(
                "{\"id\":3,\"bytes\":"
                    + TestOrigin.PNG.length
                    + ",\"sha256\":\""
                    + sha256
                    + "\",\"storedAt\":\"memory:images/3.png\"}"));
    assertThat(store.get("images/3.png")).hasValue(TestOrigin.PNG);
  }

  @Test
  void scrape_returnsTheFirstHeading() throws IOException {
    ScrapeHandler handler = new ScrapeHandler(fetcher, origin.uri("/pokedex/"), MARGIN);

    assertThat(invoke(handler, "{\"number\": 1}", PLENTY_OF_TIME))
        .isEqualTo(json("{\"number\":1,\"name\":\"Bulbasaur\"}"));
  }

  @Test
  void lunch_handlersReturnTheUnitsJson() throws IOException {
    assertThat(invoke(new OrderHandler(MARGIN), "{\"customer\": 1}", PLENTY_OF_TIME))
        .isEqualTo(json("{\"order\":1,\"customer\":1,\"burger\":\"cheeseburger\"}"));
    assertThat(
            invoke(
                new BurgerHandler(MARGIN),
                "{\"order\": {\"order\": 1, \"customer\": 1, \"burger\": \"cheeseburger\"},"
                    + " \"patty\": {\"patty\": 1, \"cookedMillis\": 400}}",
                PLENTY_OF_TIME))
        .isEqualTo(
            json(
                "{\"order\":1,\"customer\":1,\"patty\":1,\"burger\":\"cheeseburger\","
                    + "\"wrapper\":\"844527a7addbf871\"}"));
    assertThat(
            invoke(
                new SaladHandler(MARGIN),
                "{\"order\": 2, \"bowl\": 1, \"passes\": 100}",
                PLENTY_OF_TIME))
        .isEqualTo(
            json("{\"order\":2,\"bowl\":1,\"passes\":100,\"checksum\":\"0afdcb33896ff74d\"}"));
    assertThat(invoke(new WashHandler(MARGIN), "{\"bowl\": 1, \"passes\": 100}", PLENTY_OF_TIME))
        .isEqualTo(json("{\"bowl\":1,\"passes\":100,\"checksum\":\"3aeecb4a5cb62252\"}"));
  }

  @Test
  void grill_cooksOnTheGrillAtTheUrl() throws IOException {
    String event = "{\"patty\": 2, \"url\": \"" + origin.uri("/grill/2?millis=40") + "\"}";

    assertThat(invoke(new GrillHandler(fetcher, MARGIN), event, PLENTY_OF_TIME))
        .isEqualTo(json("{\"patty\":2,\"cookedMillis\":40}"));
  }

  @Test
  void coffee_doesNotStopAtTheDeadline_itIsServedOrLambdaStopsIt() throws IOException {
    // One millisecond left: every other long unit refuses; the barista does not look.
    assertThat(invoke(new CoffeeHandler(MARGIN), "{\"drink\": \"espresso\"}", NO_TIME))
        .isEqualTo(
            json(
                "{\"drink\":\"espresso\",\"embellishments\":0,\"millis\":100,"
                    + "\"grounds\":\"a2dd8b1f2dd61ddd\"}"));
  }

  static Stream<Arguments> badInputs() {
    String fib = "fib";
    return Stream.of(
        Arguments.of(fib, "{\"n\": 30", "fib: input is not valid JSON"),
        Arguments.of(fib, "", "fib: input must be a JSON object like {\"n\": 30}, got nothing"),
        Arguments.of(fib, "[30]", "fib: input must be a JSON object like {\"n\": 30}, got [30]"),
        Arguments.of(fib, "{}", "fib: field 'n' is missing; it must be an integer from 1 to 42"),
        Arguments.of(
            fib,
            "{\"n\": \"30\"}",
            "fib: field 'n' must be an integer from 1 to 42, got \"30\" (string)"),
        Arguments.of(fib, "{\"n\": 43}", "fib: field 'n' must be an integer from 1 to 42, got 43"),
        Arguments.of(fib, "{\"n\": 30, \"m\": 1}", "fib: unknown field 'm'"),
        Arguments.of("sumsq", "{\"n\": -1}", "field 'n' must be an integer from 0 to 200000000"),
        Arguments.of("nap", "{\"millis\": 60001}", "field 'millis' must be an integer from 0"),
        Arguments.of("powerloop", "{\"start\": \"one\"}", "field 'start' must be a number from 0"),
        Arguments.of(
            "download",
            "{\"url\": \"file:///etc/passwd\"}",
            "field 'url' must be an absolute http or https URL"),
        Arguments.of("image", "{\"id\": -1, \"url\": \"URL\"}", "field 'id' must be an integer"),
        Arguments.of("scrape", "{\"number\": 1026}", "field 'number' must be an integer from 1"),
        Arguments.of("order", "{\"customer\": \"Ann\"}", "field 'customer' must be an integer"),
        Arguments.of(
            "grill",
            "{\"patty\": 1, \"url\": \"ftp://grill/1\"}",
            "field 'url' must be an absolute http or https URL"),
        Arguments.of("burger", "{\"order\": 1}", "field 'order' must be an object like"),
        Arguments.of("salad", "{\"order\": 1}", "field 'bowl' is missing"),
        Arguments.of("wash", "{\"bowl\": 1, \"passes\": 800001}", "field 'passes' must be"),
        Arguments.of("coffee", "{\"drink\": \"tea\"}", "field 'drink' must be one of espresso"));
  }

  @ParameterizedTest
  @MethodSource("badInputs")
  void badInput_failsAsInvalidInput_namingTheFieldAndRange_withoutSideEffect(
      String unit, String event, String message) {
    InMemoryObjectStore store = new InMemoryObjectStore();
    int requestsBefore = origin.requests();

    Throwable error =
        catchThrowable(
            () ->
                invoke(
                    handler(unit, store),
                    event.replace("URL", origin.uri("/image.png").toString()),
                    PLENTY_OF_TIME));

    assertThat(error.getClass().getName()).isEqualTo("InvalidInput");
    assertThat(error).hasMessageContaining(message);
    assertThat(origin.requests()).isEqualTo(requestsBefore);
    assertThat(store.size()).isZero();
  }

  @Test
  void fetchFailure_failsAsFetchFailed() {
    Throwable error =
        catchThrowable(
            () ->
                invoke(
                    new DownloadHandler(fetcher, MARGIN),
                    urlEvent(origin.uri("/missing").toString()),
                    PLENTY_OF_TIME));

    assertThat(error.getClass().getName()).isEqualTo("FetchFailed");
    assertThat(error).hasMessageContaining("answered HTTP 404");
  }

  @Test
  void storeFailure_failsAsStoreFailed() {
    ImageHandler handler =
        new ImageHandler(
            fetcher,
            (key, bytes, type) -> {
              throw new StoreException("disk full while storing " + key, null);
            },
            MARGIN);

    Throwable error =
        catchThrowable(
            () ->
                invoke(
                    handler,
                    "{\"id\": 4, \"url\": \"" + origin.uri("/image.png") + "\"}",
                    PLENTY_OF_TIME));

    assertThat(error.getClass().getName()).isEqualTo("StoreFailed");
    assertThat(error).hasMessage("disk full while storing images/4.png");
  }

  @Test
  void nap_refusesANapThatWouldOutlastTheInvocation_beforeSleeping() {
    long start = System.nanoTime();

    Throwable error =
        catchThrowable(
            () -> invoke(new NapHandler(MARGIN), "{\"millis\": 30000}", new FakeContext(1_000)));

    assertThat(error.getClass().getName()).isEqualTo("DeadlineExceeded");
    assertThat(error).hasMessageContaining("nap(30000 ms)").hasMessageContaining("ms left");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }

  @ParameterizedTest
  @MethodSource("longCpuWork")
  void longCpuWork_stopsWithDeadlineExceeded(String unit, String event) {
    Throwable error = catchThrowable(() -> invoke(handler(unit, null), event, NO_TIME));

    assertThat(error.getClass().getName()).isEqualTo("DeadlineExceeded");
    assertThat(error).hasMessageContaining(unit + "(").hasMessageContaining("stopped");
  }

  static Stream<Arguments> longCpuWork() {
    return Stream.of(
        Arguments.of("fib", "{\"n\": 42}"),
        Arguments.of("sumsq", "{\"n\": 200000000}"),
        Arguments.of("powerloop", "{\"start\": 1, \"iterations\": 20000000}"),
        Arguments.of("salad", "{\"order\": 1, \"bowl\": 0, \"passes\": 800000}"),
        Arguments.of("wash", "{\"bowl\": 0, \"passes\": 800000}"));
  }

  private static UnitHandler handler(String unit, InMemoryObjectStore store) {
    return switch (unit) {
      case "download" -> new DownloadHandler(fetcher, MARGIN);
      case "image" -> new ImageHandler(fetcher, store, MARGIN);
      case "scrape" -> new ScrapeHandler(fetcher, origin.uri("/pokedex/"), MARGIN);
      case "nap" -> new NapHandler(MARGIN);
      case "sumsq" -> new SumsqHandler(MARGIN);
      case "fib" -> new FibHandler(MARGIN);
      case "powerloop" -> new PowerloopHandler(MARGIN);
      case "order" -> new OrderHandler(MARGIN);
      case "grill" -> new GrillHandler(fetcher, MARGIN);
      case "burger" -> new BurgerHandler(MARGIN);
      case "salad" -> new SaladHandler(MARGIN);
      case "wash" -> new WashHandler(MARGIN);
      case "coffee" -> new CoffeeHandler(MARGIN);
      default -> throw new IllegalArgumentException(unit);
    };
  }

  private static String urlEvent(String url) {
    return "{\"url\": \"" + url + "\"}";
  }

  private static JsonNode invoke(UnitHandler handler, String event, Context context)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
    return UnitJson.mapper().readTree(out.toByteArray());
  }

  private static JsonNode json(String text) throws IOException {
    return UnitJson.mapper().readTree(text);
  }
}
