package dev.fanout.units.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.api.Fetched;
import dev.fanout.api.HttpFetcher;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class StandInUrlsTest {
  private static final StandInUrls ARTICLES =
      StandInUrls.parse(
          "https://www.jython.org=http://127.0.0.1:9000/pages/jython,"
              + "https://picsum.photos/=http://127.0.0.1:9000/");

  @Test
  void resolve_sendsAPublicAddressToItsStandIn_withOrWithoutItsLastSlash() {
    assertThat(ARTICLES.resolve(URI.create("https://www.jython.org/")))
        .isEqualTo(URI.create("http://127.0.0.1:9000/pages/jython"));
    assertThat(ARTICLES.resolve(URI.create("https://www.jython.org")))
        .isEqualTo(URI.create("http://127.0.0.1:9000/pages/jython"));
  }

  @Test
  void resolve_keepsThePathUnderAPublicPrefix() {
    assertThat(ARTICLES.resolve(URI.create("https://picsum.photos/id/0/200/300")))
        .isEqualTo(URI.create("http://127.0.0.1:9000/id/0/200/300"));
  }

  @Test
  void resolve_leavesEveryOtherUrlAlone() {
    for (String url :
        new String[] {
          "https://www.jython.org/downloads", "https://picsum.photos.example/id/1", "http://x/"
        }) {
      assertThat(ARTICLES.resolve(URI.create(url))).isEqualTo(URI.create(url));
    }
  }

  @Test
  void parse_readsWhatFormatWrites() {
    assertThat(StandInUrls.parse(ARTICLES.format())).isEqualTo(ARTICLES);
    assertThat(StandInUrls.parse("").byPublic()).isEmpty();
  }

  @Test
  void parse_refusesAnEntryThatIsNotTwoUrls_namingIt() {
    assertThatThrownBy(() -> StandInUrls.parse("https://a.example=http://b,oops"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'oops'");
    assertThatThrownBy(() -> StandInUrls.parse("ftp://a=http://b/"))
        .hasMessageContaining("'ftp://a=http://b/'");
  }

  @Test
  void around_fetchesFromTheStandIn() {
    URI[] asked = new URI[2];
    HttpFetcher recording =
        new HttpFetcher() {
          @Override
          public Fetched get(URI uri) {
            asked[0] = uri;
            return new Fetched(uri, 200, "text/plain", new byte[0]);
          }

          @Override
          public CompletableFuture<Fetched> getAsync(URI uri, Executor executor) {
            asked[1] = uri;
            return CompletableFuture.completedFuture(
                new Fetched(uri, 200, "text/plain", new byte[0]));
          }
        };
    HttpFetcher local = ARTICLES.around(recording);

    local.get(URI.create("https://www.jython.org/"));
    local.getAsync(URI.create("https://picsum.photos/id/3/10/10"), Runnable::run);

    assertThat(asked)
        .containsExactly(
            URI.create("http://127.0.0.1:9000/pages/jython"),
            URI.create("http://127.0.0.1:9000/id/3/10/10"));
  }
}
