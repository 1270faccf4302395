package dev.fanout.cli;

import static dev.fanout.cli.CliTest.fanout;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code fanout lunch} in-process: its usage errors, its tables and the JSON it writes. */
class LunchCommandTest {
  @TempDir Path temp;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "lunch --menu pizza | --menu | 'pizza'",
        "lunch --strategies threads,fast | --strategies | 'fast'",
        "lunch --orders 0 | --orders | 0",
        "lunch --grill 0 | --grill | 0",
        "lunch --cook-ms 70000 | --cook-ms | 70000",
        "lunch --staff 1 | --staff | 1",
        "lunch --bowls 0 | --bowls | 0",
        "lunch --salad-passes 0 | --salad-passes | 0",
        "lunch --json /proc/no/lunch.json | --json | /proc/no/lunch.json",
        "lunch --html x.html --no-html | --no-html | --html",
        "lunch --crowd 0 | --crowd | 0",
        "lunch --pause soon | --pause | soon",
        "lunch --menu burgers --poison 2 | --poison | --strategy lambda",
        "lunch --menu burgers --strategy lambda --orders 10 --poison 11 | --poison | 11",
        "lunch --menu burgers --strategy lambda --poison -1 | --poison | -1",
      })
  void badUsage_isOneLineNamingTheOptionAndTheValue(String args, String option, String value) {
    CliTest.Result result = fanout(args.split(" "));

    assertThat(result.exit()).isEqualTo(FanoutMain.USAGE);
    assertThat(result.err().lines().toList()).hasSize(1);
    assertThat(result.err()).contains(option).contains(value);
  }

  @Test
  void bothMenus_printATableEach_theComparison_andJsonWithEveryOrder() throws IOException {
    Path json = temp.resolve("lunch.json");
    CliTest.Result result =
        fanout(
            "lunch",
            "--strategies",
            "threads,async",
            "--orders",
            "12",
            "--cook-ms",
            "20",
            "--salad-passes",
            "500",
            "--wash-passes",
            "200",
            "--menu",
            "burgers,salads",
            "--json",
            json.toString(),
            "--html",
            temp.resolve("lunch.html").toString());

    assertThat(result.exit()).as(result.err()).isEqualTo(FanoutMain.OK);
    assertThat(result.out())
        .contains("burgers: 12 orders")
        .contains("salads: 12 orders")
        .contains("the article's comparison, from measurement")
        .contains("cooperative multitasking");
    assertThat(Files.readString(temp.resolve("lunch.html")))
        .contains("order taker")
        .contains("open orders")
        .contains("salad maker 1");
    JsonNode runs = new ObjectMapper().readTree(json.toFile()).get("runs");
    assertThat(runs).hasSize(4);
    for (JsonNode run : runs) {
      assertThat(run.get("served").asInt()).isEqualTo(12);
      assertThat(run.get("items")).hasSize(12);
      Set<Integer> orders = new HashSet<>();
      run.get("items").forEach(item -> orders.add(item.get("order").asInt()));
      assertThat(orders).hasSize(12);
      assertThat(run.has("latencyMillis")).isTrue();
      assertThat(run.get("boundPerSecond").asDouble()).isPositive();
      assertThat(run.get("maxQueueDepth")).isNotEmpty();
    }
    assertThat(runs.get(0).get("menu").asText()).isEqualTo("burgers");
    assertThat(runs.get(0).get("maxOpenOrders").asInt()).isBetween(1, 5);
    assertThat(runs.get(2).get("menu").asText()).isEqualTo("salads");
    assertThat(runs.get(2).get("bowls").asInt()).isPositive();
    assertThat(runs.get(3).get("lanes").asInt()).isEqualTo(1); // async: the one loop
  }
}
