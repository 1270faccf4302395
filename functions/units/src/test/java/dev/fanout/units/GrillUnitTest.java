package dev.fanout.units;

import static dev.fanout.units.testing.LocalOrigin.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpHandler;
import dev.fanout.api.Deadline;
import dev.fanout.api.DeadlineExceededException;
import dev.fanout.api.UnitJson;
import dev.fanout.localcloud.origin.OriginOptions;
import dev.fanout.localcloud.origin.OriginServer;
import dev.fanout.units.http.ApacheHttpFetcher;
import dev.fanout.units.http.DestinationPolicy;
import dev.fanout.units.http.FetchLimits;
import dev.fanout.units.http.PublicDestinationPolicy;
import dev.fanout.units.testing.LocalOrigin;
import dev.fanout.units.testing.TestLoop;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The grill unit against the local origin's real grill, blocking and on an event loop. */
class GrillUnitTest {
  private static OriginServer origin;
  private static ApacheHttpFetcher fetcher;
  private static GrillUnit unit;

  @BeforeAll
  static void start() {
    origin = OriginServer.start(OriginOptions.defaults());
    fetcher =
        ApacheHttpFetcher.create(
            FetchLimits.defaults().withTimeout(Duration.ofSeconds(10)),
            DestinationPolicy.anyHttp());
    unit = new GrillUnit(fetcher);
  }

  @AfterAll
  static void stop() {
    fetcher.close();
    origin.close();
  }

  @Test
  void grill_cooksThePattyForTheTimeTheUrlAsks() {
    JsonNode out = unit.call(input(4, origin.grillUri(4, 30)), Deadline.none());

    assertThat(out.toString()).isEqualTo("{\"patty\":4,\"cookedMillis\":30}");
  }

  @Test
  void grill_asyncGivesTheBlockingResult_andCompletesOnTheLoop() throws Exception {
    JsonNode input = input(8, origin.grillUri(8, 20));
    try (TestLoop loop = TestLoop.named("grill-loop")) {
      TestLoop.Observed<JsonNode> call =
          loop.observe(() -> unit.callAsync(input, Deadline.none(), loop));

      assertThat(call.completionThread()).isSameAs(loop.thread());
      assertThat(call.result().get(5, TimeUnit.SECONDS))
          .isEqualTo(unit.call(input, Deadline.none()));
    }
  }

  @Test
  void grill_async_leavesTheLoopFreeWhileThePattyCooks() throws Exception {
    CountDownLatch onTheGrill = new CountDownLatch(1);
    CountDownLatch cooked = new CountDownLatch(1);
    // A grill that holds the patty until the test says it is cooked.
    HttpHandler heldGrill =
        exchange -> {
          onTheGrill.countDown();
          try {
            cooked.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          respond(
                  200,
                  "application/json",
                  "{\"patty\":1,\"cookedMillis\":1}".getBytes(StandardCharsets.UTF_8))
              .handle(exchange);
        };
    try (LocalOrigin grill = LocalOrigin.start().route("/grill/1", heldGrill);
        TestLoop loop = TestLoop.named("grill-free-loop")) {
      CompletableFuture<JsonNode> cooking =
          unit.callAsync(input(1, grill.uri("/grill/1")), Deadline.none(), loop);
      assertThat(onTheGrill.await(5, TimeUnit.SECONDS)).as("the patty reached the grill").isTrue();

      // A loop blocked on the fetch could not run this until the patty is cooked.
      CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {}, loop);

      assertThat(other).succeedsWithin(Duration.ofSeconds(5));
      assertThat(cooking).isNotDone();
      cooked.countDown();
      assertThat(cooking.get(5, TimeUnit.SECONDS).get("cookedMillis").asLong()).isEqualTo(1);
    } finally {
      cooked.countDown();
    }
  }

  @Test
  void grill_failsWhenTheGrillCooksAnotherPatty() {
    URI three = origin.grillUri(3, 0);

    assertThatThrownBy(() -> unit.call(input(4, three), Deadline.none()))
        .isInstanceOf(FetchException.class)
        .hasMessage(
            "the grill at "
                + three
                + " cooked patty 3, not patty 4: its URL must name the same patty as the input");
  }

  @Test
  void grill_failsWhenTheUrlIsNotAGrill() throws Exception {
    try (LocalOrigin notAGrill =
        LocalOrigin.start()
            .route("/page", LocalOrigin.html("<html>hello</html>"))
            .route(
                "/json",
                respond(
                    200,
                    "application/json",
                    "{\"patty\": 1, \"cookedMillis\": \"long\"}"
                        .getBytes(StandardCharsets.UTF_8)))) {
      for (String path : new String[] {"/page", "/json"}) {
        assertThatThrownBy(() -> unit.call(input(1, notAGrill.uri(path)), Deadline.none()))
            .as(path)
            .isInstanceOf(FetchException.class)
            .hasMessageContaining("did not answer {\"patty\": n, \"cookedMillis\": N}");
      }
    }
  }

  @Test
  void grill_refusesAnOutOfRangeCookTime_asTheOriginDoes() {
    assertThatThrownBy(
            () ->
                unit.call(
                    input(1, URI.create(origin.baseUri() + "/grill/1?millis=60001")),
                    Deadline.none()))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining("answered HTTP 400");
  }

  @Test
  void grill_inTheCloud_reachesNoLoopbackGrill() {
    try (ApacheHttpFetcher cloud =
        ApacheHttpFetcher.create(FetchLimits.defaults(), PublicDestinationPolicy.create())) {
      long served = origin.requestsServed();

      assertThatThrownBy(
              () -> new GrillUnit(cloud).call(input(1, origin.grillUri(1, 0)), Deadline.none()))
          .isInstanceOf(FetchException.class);
      assertThat(origin.requestsServed()).isEqualTo(served);
    }
  }

  @Test
  void grill_refusesToStartWithNoTimeLeft() {
    long served = origin.requestsServed();

    assertThatThrownBy(() -> unit.call(input(1, origin.grillUri(1, 0)), () -> 0))
        .isInstanceOf(DeadlineExceededException.class)
        .hasMessageContaining("grill patty 1 stopped");
    assertThat(origin.requestsServed()).isEqualTo(served);
  }

  private static JsonNode input(int patty, URI url) {
    return UnitJson.mapper().createObjectNode().put("patty", patty).put("url", url.toString());
  }
}
