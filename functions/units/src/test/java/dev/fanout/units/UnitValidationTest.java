package dev.fanout.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.Fetched;
import dev.fanout.api.HttpFetcher;
import dev.fanout.api.InvalidInputException;
import dev.fanout.api.Unit;
import dev.fanout.api.UnitJson;
import dev.fanout.units.ledger.Ledger;
import dev.fanout.units.ledger.LedgerState;
import dev.fanout.units.ledger.Transfer;
import dev.fanout.units.ledger.TransferResult;
import dev.fanout.units.store.InMemoryObjectStore;
import dev.fanout.units.testing.TestLoop;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every unit refuses bad input with InvalidInput, naming the field and what it allows. */
class UnitValidationTest {
  private static final String[] NAMES = {
    "download",
    "image",
    "scrape",
    "nap",
    "sumsq",
    "fib",
    "powerloop",
    "transfer",
    "order",
    "grill",
    "burger",
    "salad",
    "wash",
    "coffee"
  };

  /** Validation must never reach the network. */
  private static final HttpFetcher NO_FETCHING =
      new HttpFetcher() {
        @Override
        public Fetched get(URI uri) {
          throw new AssertionError("invalid input must not be fetched: " + uri);
        }

        @Override
        public CompletableFuture<Fetched> getAsync(URI uri, Executor executor) {
          throw new AssertionError("invalid input must not be fetched: " + uri);
        }
      };

  /** A ledger that fails the test if a refused input ever reaches it. */
  private static final Ledger NO_LEDGER =
      new Ledger() {
        @Override
        public void open(Map<String, Long> balances) {
          throw new AssertionError("invalid input must not open the ledger");
        }

        @Override
        public TransferResult transfer(Transfer transfer) {
          throw new AssertionError("invalid input must not reach the ledger: " + transfer);
        }

        @Override
        public LedgerState read(Collection<String> accounts, Collection<String> transferIds) {
          throw new AssertionError("invalid input must not read the ledger");
        }
      };

  private static final UnitCatalog CATALOG =
      UnitCatalog.create(
          new UnitDependencies(
              NO_FETCHING,
              new InMemoryObjectStore(),
              URI.create("http://127.0.0.1:9/pokedex/"),
              NO_LEDGER));

  private static TestLoop loop;

  @BeforeAll
  static void startLoop() {
    loop = TestLoop.named("validation-loop");
  }

  @AfterAll
  static void stopLoop() {
    loop.close();
  }

  /** unit, input JSON, offending field, substrings the message must hold. */
  static Stream<Arguments> invalidInputs() {
    List<Arguments> cases = new ArrayList<>();
    // fib: n from 1 to 42
    cases.add(bad("fib", "{}", "n", "'n' is missing", "1 to 42"));
    cases.add(bad("fib", "{\"n\": null}", "n", "'n' is missing", "1 to 42"));
    cases.add(bad("fib", "{\"n\": \"30\"}", "n", "'n'", "1 to 42", "(string)"));
    cases.add(bad("fib", "{\"n\": 2.5}", "n", "'n'", "1 to 42", "got 2.5"));
    cases.add(bad("fib", "{\"n\": true}", "n", "'n'", "1 to 42", "(boolean)"));
    cases.add(bad("fib", "{\"n\": 0}", "n", "'n'", "1 to 42", "got 0"));
    cases.add(bad("fib", "{\"n\": 43}", "n", "'n'", "1 to 42", "got 43"));
    cases.add(bad("fib", "{\"n\": 99999999999999999999}", "n", "'n'", "1 to 42"));
    cases.add(bad("fib", "{\"n\": 30, \"m\": 1}", "m", "unknown field 'm'", "takes n"));
    // sumsq: n from 0 to 200000000
    cases.add(bad("sumsq", "{}", "n", "'n' is missing", "0 to 200000000"));
    cases.add(bad("sumsq", "{\"n\": \"5000000\"}", "n", "'n'", "0 to 200000000", "(string)"));
    cases.add(bad("sumsq", "{\"n\": 5000000.5}", "n", "'n'", "0 to 200000000"));
    cases.add(bad("sumsq", "{\"n\": -1}", "n", "'n'", "0 to 200000000", "got -1"));
    cases.add(bad("sumsq", "{\"n\": 200000001}", "n", "'n'", "0 to 200000000", "got 200000001"));
    cases.add(bad("sumsq", "{\"n\": 5, \"N\": 5}", "N", "unknown field 'N'", "takes n"));
    // nap: millis from 0 to 60000
    cases.add(bad("nap", "{}", "millis", "'millis' is missing", "0 to 60000"));
    cases.add(bad("nap", "{\"millis\": \"500\"}", "millis", "'millis'", "0 to 60000", "(string)"));
    cases.add(bad("nap", "{\"millis\": 1.5}", "millis", "'millis'", "0 to 60000"));
    cases.add(bad("nap", "{\"millis\": -1}", "millis", "'millis'", "0 to 60000", "got -1"));
    cases.add(bad("nap", "{\"millis\": 60001}", "millis", "'millis'", "0 to 60000", "got 60001"));
    cases.add(bad("nap", "{\"millis\": 5, \"ms\": 5}", "ms", "unknown field 'ms'", "takes millis"));
    // powerloop: start from 0 to 1000000, optional iterations from 1 to 20000000
    cases.add(bad("powerloop", "{}", "start", "'start' is missing", "0 to 1000000"));
    cases.add(bad("powerloop", "{\"start\": \"1\"}", "start", "'start'", "0 to 1000000"));
    cases.add(bad("powerloop", "{\"start\": -1}", "start", "'start'", "0 to 1000000", "got -1"));
    cases.add(bad("powerloop", "{\"start\": 1000001}", "start", "'start'", "0 to 1000000"));
    cases.add(
        bad(
            "powerloop",
            "{\"start\": 1, \"iterations\": 0}",
            "iterations",
            "'iterations'",
            "1 to 20000000",
            "got 0"));
    cases.add(
        bad(
            "powerloop",
            "{\"start\": 1, \"iterations\": 20000001}",
            "iterations",
            "'iterations'",
            "1 to 20000000"));
    cases.add(
        bad(
            "powerloop",
            "{\"start\": 1, \"iterations\": 10.5}",
            "iterations",
            "'iterations'",
            "1 to 20000000"));
    cases.add(
        bad(
            "powerloop",
            "{\"start\": 1, \"iterations\": \"10\"}",
            "iterations",
            "'iterations'",
            "1 to 20000000",
            "(string)"));
    cases.add(
        bad(
            "powerloop",
            "{\"start\": 1, \"iters\": 10}",
            "iters",
            "unknown field 'iters'",
            "start",
            "iterations"));
    // scrape: number from 1 to 1025
    cases.add(bad("scrape", "{}", "number", "'number' is missing", "1 to 1025"));
    cases.add(bad("scrape", "{\"number\": \"1\"}", "number", "'number'", "1 to 1025"));
    cases.add(bad("scrape", "{\"number\": 1.5}", "number", "'number'", "1 to 1025"));
    cases.add(bad("scrape", "{\"number\": 0}", "number", "'number'", "1 to 1025", "got 0"));
    cases.add(bad("scrape", "{\"number\": 1026}", "number", "'number'", "1 to 1025", "got 1026"));
    cases.add(bad("scrape", "{\"number\": 1, \"n\": 1}", "n", "unknown field 'n'", "number"));
    // image: id from 0 to 1000000, url absolute http(s)
    String url = "\"http://127.0.0.1:9/id/0/200/300\"";
    cases.add(bad("image", "{\"url\": " + url + "}", "id", "'id' is missing", "0 to 1000000"));
    cases.add(bad("image", "{\"id\": \"1\", \"url\": " + url + "}", "id", "'id'", "0 to 1000000"));
    cases.add(bad("image", "{\"id\": 0.5, \"url\": " + url + "}", "id", "'id'", "0 to 1000000"));
    cases.add(bad("image", "{\"id\": -1, \"url\": " + url + "}", "id", "'id'", "0 to 1000000"));
    cases.add(
        bad("image", "{\"id\": 1000001, \"url\": " + url + "}", "id", "'id'", "0 to 1000000"));
    cases.add(bad("image", "{\"id\": 1}", "url", "'url' is missing", "absolute http or https URL"));
    cases.add(
        bad(
            "image",
            "{\"id\": 1, \"url\": " + url + ", \"size\": 2}",
            "size",
            "unknown field 'size'",
            "id",
            "url"));
    // download: url absolute http(s)
    cases.add(bad("download", "{}", "url", "'url' is missing", "absolute http or https URL"));
    cases.add(
        bad("download", "{\"url\": 42}", "url", "'url'", "absolute http or https URL", "(number)"));
    cases.add(bad("download", "{\"url\": \"\"}", "url", "'url'", "absolute http or https URL"));
    cases.add(
        bad(
            "download",
            "{\"url\": " + url + ", \"uri\": 1}",
            "uri",
            "unknown field 'uri'",
            "takes url"));
    // transfer: from and to two different account names, amount from 1 to 1000000000, transferId
    String transfer = "\"from\": \"a\", \"to\": \"b\", \"transferId\": \"t-1\"";
    cases.add(
        bad("transfer", "{" + transfer + "}", "amount", "'amount' is missing", "1 to 1000000000"));
    cases.add(bad("transfer", "{" + transfer + ", \"amount\": 0}", "amount", "'amount'", "got 0"));
    cases.add(
        bad("transfer", "{" + transfer + ", \"amount\": -5}", "amount", "'amount'", "got -5"));
    cases.add(
        bad("transfer", "{" + transfer + ", \"amount\": 2.5}", "amount", "'amount'", "got 2.5"));
    cases.add(
        bad(
            "transfer",
            "{" + transfer + ", \"amount\": \"20\"}",
            "amount",
            "'amount'",
            "(string)"));
    cases.add(
        bad(
            "transfer",
            "{\"from\": \"a\", \"to\": \"a\", \"amount\": 1, \"transferId\": \"t\"}",
            "to",
            "two different accounts"));
    cases.add(
        bad(
            "transfer",
            "{\"to\": \"b\", \"amount\": 1, \"transferId\": \"t\"}",
            "from",
            "'from' is missing"));
    cases.add(
        bad(
            "transfer",
            "{\"from\": \"a b\", \"to\": \"b\", \"amount\": 1, \"transferId\": \"t\"}",
            "from",
            "letters, digits"));
    cases.add(
        bad(
            "transfer",
            "{\"from\": \"a\", \"to\": \"b\", \"amount\": 1}",
            "transferId",
            "'transferId' is missing"));
    cases.add(
        bad(
            "transfer",
            "{" + transfer + ", \"amount\": 1, \"verifyMillis\": 60001}",
            "verifyMillis",
            "0 to 60000"));
    cases.add(
        bad(
            "transfer",
            "{" + transfer + ", \"amount\": 1, \"pauseMicros\": -1}",
            "pauseMicros",
            "0 to 1000000"));
    cases.add(
        bad(
            "transfer",
            "{" + transfer + ", \"amount\": 1, \"id\": 1}",
            "id",
            "unknown field 'id'",
            "transferId"));
    LunchInvalidInputs.add(cases);
    // bad URLs, for every unit that takes one
    for (String unit : new String[] {"download", "image", "grill"}) {
      String otherFields =
          switch (unit) {
            case "image" -> "\"id\": 1, ";
            case "grill" -> "\"patty\": 1, ";
            default -> "";
          };
      for (String badUrl :
          new String[] {
            "ftp://x",
            "not a url",
            "/pages/jython",
            "pages/jython",
            "http://",
            "file:///etc/passwd",
            "mailto:someone@example.com",
            "http:opaque"
          }) {
        cases.add(
            bad(
                unit,
                "{" + otherFields + "\"url\": \"" + badUrl + "\"}",
                "url",
                "'url'",
                "absolute http or https URL",
                "got \"" + badUrl + "\""));
      }
    }
    // non-object input, for every unit: the input as a whole is wrong, so the field is ""
    for (String unit : NAMES) {
      String example = CATALOG.unit(unit).exampleInput();
      cases.add(
          bad(unit, "[1]", "", unit + ": input must be a JSON object like " + example, "(array)"));
      cases.add(bad(unit, "null", "", "input must be a JSON object", "got null (null)"));
      cases.add(bad(unit, "30", "", "input must be a JSON object", "got 30 (number)"));
      cases.add(bad(unit, "\"x\"", "", "input must be a JSON object", "(string)"));
    }
    return cases.stream();
  }

  static Arguments bad(String unit, String json, String field, String... substrings) {
    return arguments(unit, json, field, List.of(substrings));
  }

  private static void assertRefused(
      ThrowingCallable call, String unit, String field, List<String> substrings) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.errorType()).isEqualTo("InvalidInput");
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.getMessage()).startsWith(unit + ": ").contains(substrings);
            });
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("invalidInputs")
  void parse_refusesInvalidInputNamingTheFieldAndRange(
      String unit, String json, String field, List<String> substrings) {
    JsonNode input = UnitJson.parse("test", json);

    assertRefused(() -> CATALOG.unit(unit).parse(input), unit, field, substrings);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("invalidInputs")
  void call_refusesInvalidInputBeforeDoingAnyWork(
      String unit, String json, String field, List<String> substrings) {
    JsonNode input = UnitJson.parse("test", json);

    assertRefused(() -> CATALOG.unit(unit).call(input, Deadline.none()), unit, field, substrings);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("invalidInputs")
  void callAsync_failsWithTheSameInvalidInput(
      String unit, String json, String field, List<String> substrings) {
    JsonNode input = UnitJson.parse("test", json);
    CompletableFuture<JsonNode> result = CATALOG.unit(unit).callAsync(input, Deadline.none(), loop);

    assertRefused(
        () -> {
          try {
            result.get(5, TimeUnit.SECONDS);
          } catch (ExecutionException e) {
            throw e.getCause();
          }
        },
        unit,
        field,
        substrings);
  }

  @Test
  void parse_refusesJavaNullAsNoInput() {
    for (String unit : NAMES) {
      assertRefused(
          () -> CATALOG.unit(unit).parse(null),
          unit,
          "",
          List.of("input must be a JSON object", "got nothing"));
    }
  }

  @Test
  void parse_refusesMalformedJsonText() {
    assertThatThrownBy(() -> UnitJson.parse("fib", "{\"n\": "))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.errorType()).isEqualTo("InvalidInput");
              assertThat(e.field()).isEmpty();
            })
        .hasMessageStartingWith("fib: input is not valid JSON");
  }

  @Test
  void parse_acceptsEachUnitsExampleInput() {
    for (String unit : NAMES) {
      Unit<?, ?> u = CATALOG.unit(unit);
      assertThat(u.parse(UnitJson.parse("test", u.exampleInput()))).as(unit).isNotNull();
    }
  }

  @Test
  void parse_acceptsTheBoundsOfEachRange() {
    assertThat(new FibUnit().parse(UnitJson.parse("t", "{\"n\": 1}")))
        .isEqualTo(new FibUnit.Input(1));
    assertThat(new FibUnit().parse(UnitJson.parse("t", "{\"n\": 42}")))
        .isEqualTo(new FibUnit.Input(42));
    assertThat(new SumsqUnit().parse(UnitJson.parse("t", "{\"n\": 0}")))
        .isEqualTo(new SumsqUnit.Input(0));
    assertThat(new SumsqUnit().parse(UnitJson.parse("t", "{\"n\": 200000000}")))
        .isEqualTo(new SumsqUnit.Input(200_000_000));
    assertThat(new NapUnit().parse(UnitJson.parse("t", "{\"millis\": 60000}")))
        .isEqualTo(new NapUnit.Input(60_000));
    assertThat(new PowerloopUnit().parse(UnitJson.parse("t", "{\"start\": 1000000}")))
        .isEqualTo(new PowerloopUnit.Input(1_000_000, PowerloopUnit.DEFAULT_ITERATIONS));
    assertThat(CATALOG.unit("scrape").parse(UnitJson.parse("t", "{\"number\": 1025}")))
        .isEqualTo(new ScrapeUnit.Input(1025));
    assertThat(
            CATALOG
                .unit("image")
                .parse(UnitJson.parse("t", "{\"id\": 1000000, \"url\": \"HTTPS://h/x\"}")))
        .isEqualTo(new ImageUnit.Input(1_000_000, URI.create("HTTPS://h/x")));
  }
}
