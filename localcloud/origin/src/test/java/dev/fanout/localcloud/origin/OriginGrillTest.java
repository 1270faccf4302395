package dev.fanout.localcloud.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lunch's grill: its query, and real HTTP against it. */
class OriginGrillTest {

  private static HttpClient client;

  /** Every other route of this origin waits 30 s: the grill must not. */
  private static OriginServer slowOrigin;

  @BeforeAll
  static void start() {
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    slowOrigin =
        OriginServer.start(
            OriginOptions.defaults()
                .withLatency(Duration.ofSeconds(30))
                .withJitter(Duration.ofSeconds(5)));
  }

  @AfterAll
  static void stop() {
    slowOrigin.close();
    client.close();
  }

  @Test
  void parse_readsThePattyAndTheCookTime() {
    assertThat(Grill.parse("4", "millis=400")).isEqualTo(new Grill.Cook(4, 400));
    assertThat(Grill.parse("0", "tag=x&millis=0")).isEqualTo(new Grill.Cook(0, 0));
    assertThat(Grill.parse("1000000000", "millis=60000"))
        .isEqualTo(new Grill.Cook(1_000_000_000, 60_000));
  }

  @Test
  void cook_waitsExactlyItsMillisAndAnswersJson() {
    Grill.Cook cook = new Grill.Cook(7, 250);

    assertThat(cook.delay()).isEqualTo(new RequestDelay(Duration.ofMillis(250), Duration.ZERO));
    assertThat(new String(cook.response().body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"patty\":7,\"cookedMillis\":250}");
    assertThat(cook.response().contentType()).isEqualTo("application/json");
  }

  @Test
  void parse_refusesAMissingOrOutOfRangeCookTimeNamingMillis() {
    for (String query : new String[] {null, "", "tag=x", "millis=", "millis=60001", "millis=-1"}) {
      assertThatThrownBy(() -> Grill.parse("1", query))
          .as(query)
          .isInstanceOf(BadRequest.class)
          .hasMessageContaining("millis");
    }
  }

  @Test
  void parse_refusesABadPattyNamingIt() {
    for (String patty : new String[] {"", "-1", "one", "1000000001", "1.5"}) {
      assertThatThrownBy(() -> Grill.parse(patty, "millis=1"))
          .as(patty)
          .isInstanceOf(BadRequest.class)
          .hasMessageContaining("patty");
    }
  }

  @Test
  void parse_refusesDelayAndJitter_whichDoNotApplyToTheGrill() {
    assertThatThrownBy(() -> Grill.parse("1", "millis=10&delay=5"))
        .isInstanceOf(BadRequest.class)
        .hasMessageContaining("delay does not apply");
    assertThatThrownBy(() -> Grill.parse("1", "jitter=5&millis=10"))
        .isInstanceOf(BadRequest.class)
        .hasMessageContaining("jitter does not apply");
  }

  @Test
  void grill_answersThePattyAndItsCookTime_afterTheCookTime() throws Exception {
    HttpResponse<String> cooked = get(slowOrigin.grillUri(12, 150));

    assertThat(cooked.statusCode()).isEqualTo(200);
    assertThat(cooked.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(cooked.body()).isEqualTo("{\"patty\":12,\"cookedMillis\":150}");
    // The origin's own time, not the client's: at least the cook time.
    String timing = cooked.headers().firstValue("server-timing").orElseThrow();
    assertThat(Double.parseDouble(timing.substring("origin;dur=".length())))
        .isGreaterThanOrEqualTo(150.0);
  }

  @Test
  void grill_ignoresTheOriginsLatencyAndJitter() throws Exception {
    // The origin adds 30-35 s to every other route; a grill that added it would time out here.
    HttpResponse<String> cooked = get(slowOrigin.grillUri(3, 0), Duration.ofSeconds(10));

    assertThat(cooked.statusCode()).isEqualTo(200);
    assertThat(cooked.body()).isEqualTo("{\"patty\":3,\"cookedMillis\":0}");
  }

  @Test
  void grill_refusesABadQueryWith400NamingTheProblem() throws Exception {
    try (OriginServer origin = OriginServer.start(OriginOptions.defaults())) {
      HttpResponse<String> missing = get(URI.create(origin.baseUri() + "/grill/1"));
      HttpResponse<String> tooLong = get(URI.create(origin.baseUri() + "/grill/1?millis=60001"));
      HttpResponse<String> badPatty = get(URI.create(origin.baseUri() + "/grill/x?millis=1"));

      assertThat(missing.statusCode()).isEqualTo(400);
      assertThat(missing.body()).contains("millis is missing");
      assertThat(tooLong.statusCode()).isEqualTo(400);
      assertThat(tooLong.body()).contains("millis must be a whole number", "60001");
      assertThat(badPatty.statusCode()).isEqualTo(400);
      assertThat(badPatty.body()).contains("patty must be a whole number");
      assertThat(get(URI.create(origin.baseUri() + "/grill/1/2?millis=1")).statusCode())
          .isEqualTo(404);
    }
  }

  @Test
  void grill_answersOnlyGet() throws Exception {
    try (OriginServer origin = OriginServer.start(OriginOptions.defaults())) {
      HttpResponse<String> post =
          client.send(
              HttpRequest.newBuilder(origin.grillUri(1, 1))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(post.headers().firstValue("allow")).hasValue("GET");
    }
  }

  @Test
  void grillUri_refusesOutOfRangeValues() {
    assertThat(slowOrigin.grillUri(4, 400))
        .isEqualTo(URI.create(slowOrigin.baseUri() + "/grill/4?millis=400"));
    assertThatThrownBy(() -> slowOrigin.grillUri(-1, 400))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("patty");
    assertThatThrownBy(() -> slowOrigin.grillUri(4, 60_001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("millis");
  }

  private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return get(uri, Duration.ofSeconds(10));
  }

  private static HttpResponse<String> get(URI uri, Duration timeout)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(uri).timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
  }
}
