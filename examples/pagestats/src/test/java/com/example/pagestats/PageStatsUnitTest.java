package com.example.pagestats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.api.Deadline;
import dev.fanout.api.Fetched;
import dev.fanout.api.HttpFetcher;
import dev.fanout.api.InvalidInputException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The unit alone, with a page in memory standing in for the web. */
class PageStatsUnitTest {
  private static final String PAGE =
      "<html><head><style>p { color: red }</style></head>"
          + "<body><h1>Pikachu</h1><p>Pikachu is an Electric type. Pikachu evolves; it is"
          + " electric.</p></body></html>";

  private final HttpFetcher page =
      new HttpFetcher() {
        @Override
        public Fetched get(URI uri) {
          return new Fetched(uri, 200, "text/html", PAGE.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public CompletableFuture<Fetched> getAsync(URI uri, Executor executor) {
          return CompletableFuture.supplyAsync(() -> get(uri), executor);
        }
      };

  private final PageStatsUnit unit = new PageStatsUnit(page);
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void countsTheWordsOfTheTextNotOfTheMarkup() throws Exception {
    PageStatsUnit.Output output =
        unit.run(
            unit.parse(
                json.readTree("{\"url\": \"http://127.0.0.1:8080/pokedex/25\", \"top\": 2}")),
            Deadline.none());

    // pikachu x3, electric x2, type, evolves: "is", "an", "it" are under three letters.
    assertEquals(7, output.words());
    assertEquals(4, output.distinctWords());
    assertEquals(List.of("pikachu", "electric"), output.topWords());
    assertEquals(PAGE.getBytes(StandardCharsets.UTF_8).length, output.bytes());
    assertEquals(64, output.sha256().length());
  }

  @Test
  void refusesAUrlThatIsNotHttp() {
    assertThrows(
        InvalidInputException.class,
        () -> unit.parse(json.readTree("{\"url\": \"file:///etc/passwd\"}")));
  }
}
