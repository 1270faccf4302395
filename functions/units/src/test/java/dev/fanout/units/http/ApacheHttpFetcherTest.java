package dev.fanout.units.http;

import static dev.fanout.units.testing.LocalOrigin.chunked;
import static dev.fanout.units.testing.LocalOrigin.redirect;
import static dev.fanout.units.testing.LocalOrigin.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.api.Fetched;
import dev.fanout.units.FetchException;
import dev.fanout.units.testing.LocalOrigin;
import dev.fanout.units.testing.TestLoop;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApacheHttpFetcherTest {
  private static final FetchLimits LIMITS = new FetchLimits(Duration.ofSeconds(5), 1_000, 3);

  private LocalOrigin origin;
  private final List<ApacheHttpFetcher> fetchers = new ArrayList<>();

  @BeforeEach
  void startOrigin() throws Exception {
    origin = LocalOrigin.start();
  }

  @AfterEach
  void stopAll() {
    origin.close();
    fetchers.forEach(ApacheHttpFetcher::close);
  }

  private ApacheHttpFetcher fetcher(FetchLimits limits, DestinationPolicy policy) {
    ApacheHttpFetcher fetcher = ApacheHttpFetcher.create(limits, policy);
    fetchers.add(fetcher);
    return fetcher;
  }

  private ApacheHttpFetcher fetcher() {
    return fetcher(LIMITS, DestinationPolicy.anyHttp());
  }

  private static byte[] bytes(int size) {
    byte[] body = new byte[size];
    new Random(size).nextBytes(body);
    return body;
  }

  private static AbstractThrowableAssert<?, ?> assertFetchFails(Runnable fetch) {
    return assertThatThrownBy(fetch::run)
        .isInstanceOfSatisfying(
            FetchException.class, e -> assertThat(e.errorType()).isEqualTo("FetchFailed"));
  }

  @Test
  void createOnFirstUse_buildsOneClientOnTheFirstFetchAndServesConcurrentFetches()
      throws Exception {
    origin.route("/page", respond(200, "text/plain", bytes(300)));
    ApacheHttpFetcher lazy =
        ApacheHttpFetcher.createOnFirstUse(LIMITS, DestinationPolicy.anyHttp());
    fetchers.add(lazy);

    List<CompletableFuture<Fetched>> fetches = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      fetches.add(lazy.getAsync(origin.uri("/page"), Runnable::run));
    }

    for (CompletableFuture<Fetched> fetch : fetches) {
      assertThat(fetch.get(5, TimeUnit.SECONDS).body()).isEqualTo(bytes(300));
    }
  }

  @Test
  void createOnFirstUse_closesCleanlyWhenItNeverFetched() {
    ApacheHttpFetcher unused =
        ApacheHttpFetcher.createOnFirstUse(LIMITS, DestinationPolicy.anyHttp());

    assertThatCode(unused::close).doesNotThrowAnyException();
  }

  @Test
  void get_readsA200BodyWholeWithItsContentType() {
    byte[] body = bytes(900);
    origin.route("/page", respond(200, "text/plain; charset=utf-8", body));

    Fetched fetched = fetcher().get(origin.uri("/page"));

    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.contentType()).isEqualTo("text/plain; charset=utf-8");
    assertThat(fetched.body()).isEqualTo(body);
    assertThat(fetched.uri()).isEqualTo(origin.uri("/page"));
  }

  @Test
  void get_readsAChunkedBodyOfExactlyMaxBytes() {
    byte[] body = bytes(1_000);
    origin.route("/page", chunked("application/octet-stream", body, 64));

    Fetched fetched = fetcher().get(origin.uri("/page"));

    assertThat(fetched.body()).isEqualTo(body);
    assertThat(fetched.contentType()).isEqualTo("application/octet-stream");
  }

  @Test
  void get_readsABodyOfExactlyMaxBytesWithContentLength() {
    byte[] body = bytes(1_000);
    origin.route("/page", respond(200, "image/jpeg", body));

    assertThat(fetcher().get(origin.uri("/page")).body()).isEqualTo(body);
  }

  @Test
  void get_keepsAContentTypeAsSentEvenWithACharsetTheJvmDoesNotKnow() {
    origin.route("/odd", respond(200, "image/png; charset=binary", bytes(20)));

    Fetched fetched = fetcher().get(origin.uri("/odd"));

    assertThat(fetched.contentType()).isEqualTo("image/png; charset=binary");
    assertThat(fetched.body()).isEqualTo(bytes(20));
  }

  @Test
  void get_reportsAnEmptyContentTypeWhenAbsent() {
    origin.route(
        "/bare",
        exchange -> {
          exchange.sendResponseHeaders(200, 2);
          exchange.getResponseBody().write("ok".getBytes(StandardCharsets.US_ASCII));
        });

    Fetched fetched = fetcher().get(origin.uri("/bare"));

    assertThat(fetched.contentType()).isEmpty();
    assertThat(new String(fetched.body(), StandardCharsets.US_ASCII)).isEqualTo("ok");
  }

  @Test
  void get_failsOnA404MentioningTheStatus() {
    origin.route("/gone", respond(404, "text/plain", "not here".getBytes(StandardCharsets.UTF_8)));

    assertFetchFails(() -> fetcher().get(origin.uri("/gone")))
        .hasMessage("GET " + origin.uri("/gone") + " answered HTTP 404");
  }

  @Test
  void get_refusesABodyOverMaxBytesWithContentLength() {
    origin.route("/big", respond(200, "image/jpeg", bytes(5_000)));

    assertFetchFails(() -> fetcher().get(origin.uri("/big")))
        .hasMessageContaining("GET " + origin.uri("/big"))
        .hasMessageContaining("at least 5000 bytes")
        .hasMessageContaining("over the limit of 1000 bytes");
  }

  @Test
  void get_refusesAChunkedBodyOverMaxBytes() {
    origin.route("/big", chunked("image/jpeg", bytes(50_000), 256));

    assertFetchFails(() -> fetcher().get(origin.uri("/big")))
        .hasMessageContaining("GET " + origin.uri("/big"))
        .hasMessageContaining("over the limit of 1000 bytes");
  }

  @Test
  void get_refusesAChunkedBodyOneByteOverMaxBytes() {
    origin.route("/big", chunked("image/jpeg", bytes(1_001), 100));

    assertFetchFails(() -> fetcher().get(origin.uri("/big")))
        .hasMessageContaining("at least 1001 bytes is over the limit of 1000 bytes");
  }

  @Test
  void get_timesOutOnAServerSlowerThanTheTimeout() {
    origin.route("/slow", origin.stall());
    ApacheHttpFetcher fetcher =
        fetcher(LIMITS.withTimeout(Duration.ofMillis(300)), DestinationPolicy.anyHttp());

    long started = System.nanoTime();
    assertFetchFails(() -> fetcher.get(origin.uri("/slow")))
        .hasMessageContaining("GET " + origin.uri("/slow"))
        .hasMessageContaining("timed out");
    assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(3));
  }

  @Test
  void get_timesOutWhenTheBodyStallsAfterTheHeaders() {
    origin.route("/trickle", origin.stallAfter(bytes(10)));
    ApacheHttpFetcher fetcher =
        fetcher(LIMITS.withTimeout(Duration.ofMillis(300)), DestinationPolicy.anyHttp());

    long started = System.nanoTime();
    assertFetchFails(() -> fetcher.get(origin.uri("/trickle")))
        .hasMessage("GET " + origin.uri("/trickle") + " timed out after PT0.3S");
    assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(3));
  }

  @Test
  void getAsync_timesOutOnAServerSlowerThanTheTimeout() throws Exception {
    origin.route("/slow", origin.stall());
    ApacheHttpFetcher fetcher =
        fetcher(LIMITS.withTimeout(Duration.ofMillis(300)), DestinationPolicy.anyHttp());
    try (TestLoop loop = TestLoop.named("timeout-loop")) {
      CompletableFuture<Fetched> result = fetcher.getAsync(origin.uri("/slow"), loop);

      assertThatThrownBy(() -> result.get(3, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(FetchException.class)
          .hasMessageContaining("timed out");
    }
  }

  @Test
  void get_followsARedirectChainToTheFinalUrl() {
    origin
        .route("/first", redirect(302, "/second"))
        .route("/second", redirect(301, origin.uri("/third").toString()))
        .route("/third", redirect(307, "final?x=1"))
        .route("/final", respond(200, "text/html", "done".getBytes(StandardCharsets.UTF_8)));

    Fetched fetched = fetcher().get(origin.uri("/first"));

    assertThat(fetched.uri()).isEqualTo(origin.uri("/final?x=1"));
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(new String(fetched.body(), StandardCharsets.UTF_8)).isEqualTo("done");
    assertThat(origin.requests("/first")).isEqualTo(1);
    assertThat(origin.requests("/final")).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void get_followsEachRedirectStatus(int status) {
    origin
        .route("/moved", redirect(status, "/here"))
        .route("/here", respond(200, "text/plain", "here".getBytes(StandardCharsets.UTF_8)));

    assertThat(fetcher().get(origin.uri("/moved")).uri()).isEqualTo(origin.uri("/here"));
  }

  @Test
  void get_followsExactlyMaxRedirects() {
    origin
        .route("/r1", redirect(302, "/r2"))
        .route("/r2", redirect(302, "/r3"))
        .route("/r3", redirect(302, "/r4"))
        .route("/r4", respond(200, "text/plain", "end".getBytes(StandardCharsets.UTF_8)));

    assertThat(fetcher().get(origin.uri("/r1")).uri()).isEqualTo(origin.uri("/r4"));
  }

  @Test
  void get_refusesMoreRedirectsThanTheLimit() {
    origin
        .route("/r1", redirect(302, "/r2"))
        .route("/r2", redirect(302, "/r3"))
        .route("/r3", redirect(302, "/r4"))
        .route("/r4", redirect(302, "/r5"))
        .route("/r5", respond(200, "text/plain", "end".getBytes(StandardCharsets.UTF_8)));

    assertFetchFails(() -> fetcher().get(origin.uri("/r1")))
        .hasMessageContaining("more than 3 redirects");
    assertThat(origin.requests("/r4")).isEqualTo(1);
    assertThat(origin.requests("/r5")).isZero();
  }

  @Test
  void get_refusesARedirectLoop() {
    origin.route("/loop", redirect(302, "/loop"));

    assertFetchFails(() -> fetcher().get(origin.uri("/loop")))
        .hasMessageContaining("more than 3 redirects");
    assertThat(origin.requests("/loop")).isEqualTo(4);
  }

  @Test
  void get_treatsARedirectWithoutLocationAsAFailedStatus() {
    origin.route("/nowhere", exchange -> exchange.sendResponseHeaders(302, -1));

    assertFetchFails(() -> fetcher().get(origin.uri("/nowhere")))
        .hasMessageContaining("answered HTTP 302");
  }

  @Test
  void get_refusesNonHttpUrlsWithoutAnyRequest() {
    ApacheHttpFetcher fetcher = fetcher();

    assertFetchFails(() -> fetcher.get(URI.create("ftp://127.0.0.1:" + origin.port() + "/x")))
        .hasMessageContaining("only http and https")
        .hasMessageContaining("'ftp'");
    assertFetchFails(() -> fetcher.get(URI.create("file:///etc/passwd")))
        .hasMessageContaining("only http and https")
        .hasMessageContaining("'file'");
    assertFetchFails(() -> fetcher.get(URI.create("http:/no-host")))
        .hasMessageContaining("has no host");
    assertThat(origin.totalRequests()).isZero();
  }

  @Test
  void get_refusesARedirectToANonHttpUrl() {
    origin.route("/to-file", redirect(302, "file:///etc/passwd"));

    assertFetchFails(() -> fetcher().get(origin.uri("/to-file")))
        .hasMessageContaining("refused file:///etc/passwd");
  }

  @Test
  void getAsync_refusesNonHttpUrlsWithAFailedFutureOnTheExecutor() throws Exception {
    try (TestLoop loop = TestLoop.named("refuse-loop")) {
      ApacheHttpFetcher fetcher = fetcher();
      URI ftp = URI.create("ftp://127.0.0.1:" + origin.port() + "/x");

      TestLoop.Observed<Fetched> call = loop.observe(() -> fetcher.getAsync(ftp, loop));

      assertThat(call.completionThread()).isSameAs(loop.thread());
      assertThatThrownBy(() -> call.result().get(5, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(FetchException.class)
          .hasMessageContaining("only http and https");
      assertThat(origin.totalRequests()).isZero();
    }
  }

  @Test
  void get_asksThePolicyBeforeTheFirstRequest() {
    origin.route("/page", respond(200, "text/plain", bytes(10)));
    ApacheHttpFetcher fetcher =
        fetcher(
            LIMITS,
            uri -> {
              throw new FetchException("refused " + uri + ": not on the allow list");
            });

    assertFetchFails(() -> fetcher.get(origin.uri("/page")))
        .hasMessage("refused " + origin.uri("/page") + ": not on the allow list");
    assertThat(origin.totalRequests()).isZero();
  }

  @Test
  void get_asksThePolicyAboutEachRedirectTarget() {
    origin
        .route("/public", redirect(302, "/private"))
        .route("/private", respond(200, "text/plain", bytes(10)));
    List<URI> asked = new CopyOnWriteArrayList<>();
    ApacheHttpFetcher fetcher =
        fetcher(
            LIMITS,
            uri -> {
              asked.add(uri);
              if (uri.getPath().startsWith("/private")) {
                throw new FetchException("refused " + uri + ": private path");
              }
            });

    assertFetchFails(() -> fetcher.get(origin.uri("/public")))
        .hasMessage("refused " + origin.uri("/private") + ": private path");
    assertThat(asked).containsExactly(origin.uri("/public"), origin.uri("/private"));
    assertThat(origin.requests("/public")).isEqualTo(1);
    assertThat(origin.requests("/private")).isZero();
  }

  @Test
  void getAsync_completesOnTheGivenExecutor() throws Exception {
    byte[] body = bytes(100);
    origin.route("/page", respond(200, "text/plain", body));
    try (TestLoop loop = TestLoop.named("fetch-loop")) {
      ApacheHttpFetcher fetcher = fetcher();

      TestLoop.Observed<Fetched> call =
          loop.observe(() -> fetcher.getAsync(origin.uri("/page"), loop));

      assertThat(call.completionThread()).isSameAs(loop.thread());
      assertThat(call.result().get(5, TimeUnit.SECONDS).body()).isEqualTo(body);
      assertThat(loop.thread().getName()).isEqualTo("fetch-loop");
    }
  }

  @Test
  void getAsync_failsOnTheGivenExecutor() throws Exception {
    try (TestLoop loop = TestLoop.named("fail-loop")) {
      ApacheHttpFetcher fetcher = fetcher();

      TestLoop.Observed<Fetched> call =
          loop.observe(() -> fetcher.getAsync(origin.uri("/missing"), loop));

      assertThat(call.completionThread()).isSameAs(loop.thread());
      assertThatThrownBy(() -> call.result().get(5, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(FetchException.class)
          .hasMessageContaining("answered HTTP 404");
    }
  }

  @Test
  void get_reportsARefusedConnection() throws Exception {
    int port;
    try (LocalOrigin closed = LocalOrigin.start()) {
      port = closed.port();
    }

    assertFetchFails(() -> fetcher().get(URI.create("http://127.0.0.1:" + port + "/x")))
        .hasMessageContaining("GET http://127.0.0.1:" + port + "/x");
  }
}
