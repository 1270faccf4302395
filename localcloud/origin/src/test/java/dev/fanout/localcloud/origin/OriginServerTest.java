package dev.fanout.localcloud.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real HTTP against the origin on 127.0.0.1: routes, bytes, errors and added latency. */
class OriginServerTest {

  private static final Pattern FIRST_H1 = Pattern.compile("<h1[^>]*>([^<]*)</h1>");

  private static HttpClient client;
  private static OriginServer origin;

  @BeforeAll
  static void start() {
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    origin = OriginServer.start(OriginOptions.defaults());
  }

  @AfterAll
  static void stop() {
    origin.close();
    client.close();
  }

  @Test
  void pages_serveJythonAndDiceAsUtf8HtmlWithTitleAndH1() throws Exception {
    assertThat(OriginServer.pageNames()).containsExactly("jython", "dice");
    HttpResponse<byte[]> jython = get(origin.pageUri("jython"));
    HttpResponse<byte[]> dice = get(origin.pageUri("dice"));

    for (HttpResponse<byte[]> page : List.of(jython, dice)) {
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
      assertThat(page.headers().firstValue("cache-control")).hasValue("no-store");
      assertThat(page.headers().firstValue("content-length"))
          .hasValue(Integer.toString(page.body().length));
      assertThat(page.headers().firstValue("transfer-encoding")).isEmpty();
      assertThat(text(page)).contains("<title>", "</title>").containsPattern(FIRST_H1);
    }
    assertThat(jython.body().length).isBetween(10_000, 20_000);
    assertThat(dice.body().length).isBetween(1_000, 2_000);
    assertThat(text(jython)).contains("Jython");
    assertThat(jython.uri()).isEqualTo(URI.create(origin.baseUri() + "/pages/jython"));
  }

  @Test
  void pages_areIdenticalOnEveryRequest() throws Exception {
    assertThat(get(origin.pageUri("jython")).body())
        .isEqualTo(get(origin.pageUri("jython")).body());
  }

  @Test
  void images_areIdenticalAcrossRequests() throws Exception {
    HttpResponse<byte[]> first = get(origin.imageUri(7, 200, 300));
    HttpResponse<byte[]> second = get(origin.imageUri(7, 200, 300));

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("content-type")).hasValue("image/jpeg");
    assertThat(first.headers().firstValue("content-length"))
        .hasValue(Integer.toString(first.body().length));
    assertThat(first.body()).isEqualTo(second.body());
    // JPEG start-of-image marker.
    assertThat(first.body()).startsWith((byte) 0xFF, (byte) 0xD8);
  }

  @Test
  void images_differBetweenIdsAndBetweenSizes() throws Exception {
    byte[] seven = get(origin.imageUri(7, 200, 300)).body();
    byte[] eight = get(origin.imageUri(8, 200, 300)).body();
    byte[] sevenSquare = get(origin.imageUri(7, 300, 300)).body();

    assertThat(seven).isNotEqualTo(eight);
    assertThat(seven).isNotEqualTo(sevenSquare);
  }

  @Test
  void images_decodeWithTheRequestedWidthAndHeight() throws Exception {
    for (int[] size : new int[][] {{200, 300}, {1, 1}, {640, 120}}) {
      HttpResponse<byte[]> response = get(origin.imageUri(42, size[0], size[1]));

      BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
      assertThat(image).isNotNull();
      assertThat(image.getWidth()).isEqualTo(size[0]);
      assertThat(image.getHeight()).isEqualTo(size[1]);
    }
  }

  @Test
  void images_refuseOutOfRangePartsWith400NamingThePart() throws Exception {
    assertBadRequest("/id/10000/200/300", "id");
    assertBadRequest("/id/-1/200/300", "id");
    assertBadRequest("/id/seven/200/300", "id");
    assertBadRequest("/id/7/0/300", "width");
    assertBadRequest("/id/7/2001/300", "width");
    assertBadRequest("/id/7/200/0", "height");
    assertBadRequest("/id/7/200/99999999999999999999", "height");
    assertThatThrownBy(() -> origin.imageUri(7, 2001, 300))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("width");
  }

  @Test
  void pokedex_firstH1CarriesTheRealNames() throws Exception {
    assertThat(firstH1(get(origin.pokedexUri(1)))).isEqualTo("Bulbasaur");
    assertThat(firstH1(get(origin.pokedexUri(20)))).isEqualTo("Raticate");
    assertThat(OriginServer.pokemonName(6)).isEqualTo("Charizard");
  }

  @Test
  void pokedex_pageHasALaterH1ThatIsNotTheName() throws Exception {
    HttpResponse<byte[]> page = get(origin.pokedexUri(1));

    assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    Matcher h1 = FIRST_H1.matcher(text(page));
    assertThat(h1.find()).isTrue();
    assertThat(h1.find()).isTrue();
    assertThat(h1.group(1)).isNotEqualTo("Bulbasaur");
    assertThat(text(page)).contains("<nav>", "<table");
  }

  @Test
  void pokedex_madeUpNamesAreDeterministic() throws Exception {
    String first = firstH1(get(origin.pokedexUri(150)));
    String second = firstH1(get(origin.pokedexUri(150)));

    assertThat(first).isEqualTo(second).isEqualTo(OriginServer.pokemonName(150));
    assertThat(first).matches("[A-Z][a-z]+");
  }

  @Test
  void pokedex_outOfRangeIs404() throws Exception {
    assertThat(get(URI.create(origin.baseUri() + "/pokedex/0")).statusCode()).isEqualTo(404);
    assertThat(get(URI.create(origin.baseUri() + "/pokedex/1026")).statusCode()).isEqualTo(404);
    assertThat(get(URI.create(origin.baseUri() + "/pokedex/pikachu")).statusCode()).isEqualTo(404);
  }

  @Test
  void responses_carryTheOriginsOwnTimeAsServerTiming() throws Exception {
    HttpResponse<byte[]> response = get(URI.create(origin.pageUri("dice") + "?delay=50&jitter=0"));

    String timing = response.headers().firstValue("server-timing").orElseThrow();
    assertThat(timing).matches("origin;dur=\\d+\\.\\d{3}");
    assertThat(Double.parseDouble(timing.substring("origin;dur=".length())))
        .isGreaterThanOrEqualTo(50.0);
  }

  @Test
  void health_isOk() throws Exception {
    HttpResponse<byte[]> health = get(URI.create(origin.baseUri() + "/health"));

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(text(health)).isEqualTo("ok");
    assertThat(health.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
  }

  @Test
  void unknownPaths_are404() throws Exception {
    for (String path : new String[] {"/", "/pages/python", "/pages/dice/", "/id/1/2", "/nope"}) {
      assertThat(get(URI.create(origin.baseUri() + path)).statusCode()).as(path).isEqualTo(404);
    }
  }

  @Test
  void nonGetMethods_are405WithAllowGet() throws Exception {
    HttpResponse<byte[]> post =
        client.send(
            HttpRequest.newBuilder(origin.pageUri("dice"))
                .POST(HttpRequest.BodyPublishers.ofString("roll"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> delete =
        client.send(
            HttpRequest.newBuilder(URI.create(origin.baseUri() + "/health")).DELETE().build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("allow")).hasValue("GET");
    assertThat(text(post)).contains("POST");
    assertThat(delete.statusCode()).isEqualTo(405);
  }

  @Test
  void nonGetMethods_are405OnRoutesAnd404Elsewhere() throws Exception {
    assertThat(post(origin.imageUri(1, 200, 300)).statusCode()).isEqualTo(405);
    assertThat(post(origin.pokedexUri(1)).statusCode()).isEqualTo(405);
    assertThat(post(URI.create(origin.baseUri() + "/nope")).statusCode()).isEqualTo(404);
  }

  @Test
  void delayQuery_outOfRangeIs400NamingDelay() throws Exception {
    HttpResponse<byte[]> response = get(URI.create(origin.pageUri("dice") + "?delay=60001"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(text(response)).contains("delay");
  }

  @Test
  void latency_delaysEveryResponseByAtLeastTheConfiguredLatency() throws Exception {
    try (OriginServer slow =
        OriginServer.start(OriginOptions.defaults().withLatency(Duration.ofMillis(200)))) {
      long started = System.nanoTime();
      HttpResponse<byte[]> response = get(slow.pageUri("dice"));
      long elapsed = System.nanoTime() - started;

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }
  }

  @Test
  void delayQuery_replacesTheConfiguredLatencyForOneRequest() throws Exception {
    long started = System.nanoTime();
    HttpResponse<byte[]> response = get(URI.create(origin.pokedexUri(3) + "?delay=200&jitter=0"));
    long elapsed = System.nanoTime() - started;

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void start_bindsToLoopback() throws Exception {
    assertThat(origin.baseUri().getScheme()).isEqualTo("http");
    assertThat(origin.baseUri().getHost()).isEqualTo("127.0.0.1");
    assertThat(InetAddress.getByName(origin.baseUri().getHost()).isLoopbackAddress()).isTrue();
    assertThat(origin.baseUri().getPort()).isPositive();
    assertThat(origin.baseUri().toString()).doesNotEndWith("/");
  }

  @Test
  void start_failsNamingHostAndPortWhenThePortIsTaken() {
    int port = origin.baseUri().getPort();

    assertThatThrownBy(() -> OriginServer.start(OriginOptions.defaults().withPort(port)))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("127.0.0.1:" + port);
  }

  @Test
  void requestsServed_countsEveryAnsweredRequest() throws Exception {
    try (OriginServer counted = OriginServer.start(OriginOptions.defaults())) {
      get(counted.pageUri("dice"));
      get(URI.create(counted.baseUri() + "/nope"));
      get(URI.create(counted.baseUri() + "/health"));

      assertThat(counted.requestsServed()).isEqualTo(3);
    }
  }

  @Test
  void close_stopsAcceptingAndDropsRequestsStillWaiting() throws Exception {
    OriginServer closing =
        OriginServer.start(OriginOptions.defaults().withLatency(Duration.ofSeconds(30)));
    var waiting =
        client.sendAsync(
            HttpRequest.newBuilder(closing.pageUri("dice")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    awaitInProgress(closing, 1);

    closing.close();

    assertThat(waiting)
        .failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(IOException.class);
    assertThat(closing.requestsServed()).isZero();
    assertThatThrownBy(() -> get(URI.create(closing.baseUri() + "/health")))
        .isInstanceOf(IOException.class);
  }

  private static void awaitInProgress(OriginServer server, int count) throws InterruptedException {
    for (int polls = 0; server.requestsInProgress() < count && polls < 500; polls++) {
      Thread.sleep(10);
    }
    assertThat(server.requestsInProgress()).isEqualTo(count);
  }

  private static void assertBadRequest(String path, String part) throws Exception {
    HttpResponse<byte[]> response = get(URI.create(origin.baseUri() + path));

    assertThat(response.statusCode()).as(path).isEqualTo(400);
    assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
    assertThat(text(response)).as(path).contains(part);
  }

  private static HttpResponse<byte[]> get(URI uri) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpResponse<byte[]> post(URI uri) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static String firstH1(HttpResponse<byte[]> response) {
    Matcher h1 = FIRST_H1.matcher(text(response));
    assertThat(h1.find()).as("page has an <h1>").isTrue();
    return h1.group(1);
  }
}
