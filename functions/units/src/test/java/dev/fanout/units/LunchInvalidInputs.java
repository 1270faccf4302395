package dev.fanout.units;

import static dev.fanout.units.UnitValidationTest.bad;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The invalid inputs of the lunch's units (order, grill, burger, salad, wash, coffee) for {@link
 * UnitValidationTest}: unit, input JSON, offending field, substrings the message must hold.
 */
final class LunchInvalidInputs {
  private LunchInvalidInputs() {}

  static void add(List<Arguments> cases) {
    String range = "0 to 1000000000";
    // order: customer, optional order number
    cases.add(bad("order", "{}", "customer", "'customer' is missing", range));
    cases.add(bad("order", "{\"customer\": -1}", "customer", "'customer'", range, "got -1"));
    cases.add(bad("order", "{\"customer\": \"7\"}", "customer", "'customer'", "(string)"));
    cases.add(bad("order", "{\"customer\": 1000000001}", "customer", range));
    cases.add(bad("order", "{\"customer\": 1, \"order\": 1.5}", "order", "'order'", range));
    cases.add(
        bad("order", "{\"customer\": 1, \"burger\": \"x\"}", "burger", "unknown field 'burger'"));
    // grill: patty and the grill's URL
    String grillUrl = "\"url\": \"http://127.0.0.1:9/grill/1?millis=400\"";
    cases.add(bad("grill", "{" + grillUrl + "}", "patty", "'patty' is missing", range));
    cases.add(bad("grill", "{\"patty\": -1, " + grillUrl + "}", "patty", "'patty'", "got -1"));
    cases.add(bad("grill", "{\"patty\": 1}", "url", "'url' is missing", "http or https URL"));
    cases.add(
        bad(
            "grill",
            "{\"patty\": 1, \"millis\": 400, " + grillUrl + "}",
            "millis",
            "unknown field 'millis'",
            "takes patty, url"));
    // burger: an order's output and a grill's output
    String order = "\"order\": {\"order\": 1, \"customer\": 1, \"burger\": \"hamburger\"}";
    String patty = "\"patty\": {\"patty\": 1, \"cookedMillis\": 400}";
    cases.add(bad("burger", "{" + order + "}", "patty", "'patty' is missing", "an object like"));
    cases.add(bad("burger", "{" + patty + "}", "order", "'order' is missing"));
    cases.add(bad("burger", "{\"order\": 1, " + patty + "}", "order", "'order'", "(number)"));
    cases.add(
        bad(
            "burger",
            "{\"order\": {\"order\": 1, \"burger\": \"hamburger\"}, " + patty + "}",
            "order.customer",
            "'order.customer' is missing",
            range));
    cases.add(
        bad(
            "burger",
            "{\"order\": {\"order\": 1, \"customer\": 1, \"burger\": \"pizza\"}, " + patty + "}",
            "order.burger",
            "'order.burger' must be one of hamburger, cheeseburger, bacon burger, veggie burger",
            "got \"pizza\""));
    cases.add(
        bad(
            "burger",
            "{" + order + ", \"patty\": {\"patty\": 1, \"cookedMillis\": -5}}",
            "patty.cookedMillis",
            "'patty.cookedMillis'",
            "0 to 60000",
            "got -5"));
    cases.add(
        bad(
            "burger",
            "{" + order + ", \"patty\": {\"patty\": 1, \"cookedMillis\": 5, \"raw\": true}}",
            "patty.raw",
            "unknown field 'patty.raw'",
            "field 'patty' takes patty, cookedMillis"));
    cases.add(bad("burger", "{" + order + ", " + patty + ", \"bun\": 1}", "bun", "unknown"));
    // salad and wash: order, bowl, optional passes
    cases.add(bad("salad", "{\"bowl\": 0}", "order", "'order' is missing", range));
    cases.add(bad("salad", "{\"order\": 1}", "bowl", "'bowl' is missing", range));
    cases.add(bad("salad", "{\"order\": 1, \"bowl\": 0, \"passes\": 0}", "passes", "1 to 800000"));
    cases.add(
        bad(
            "salad",
            "{\"order\": 1, \"bowl\": 0, \"passes\": 800001}",
            "passes",
            "'passes'",
            "1 to 800000",
            "got 800001"));
    cases.add(bad("wash", "{}", "bowl", "'bowl' is missing", range));
    cases.add(bad("wash", "{\"bowl\": 1.5}", "bowl", "'bowl'", range));
    cases.add(bad("wash", "{\"bowl\": 0, \"passes\": -1}", "passes", "1 to 800000"));
    cases.add(bad("wash", "{\"bowl\": 0, \"order\": 1}", "order", "unknown field 'order'"));
    // coffee: a drink from the menu, at most 12 known embellishments
    cases.add(bad("coffee", "{}", "drink", "'drink' is missing", "espresso, latte"));
    cases.add(
        bad(
            "coffee",
            "{\"drink\": \"tea\"}",
            "drink",
            "'drink' must be one of espresso, latte, cappuccino, mocha",
            "got \"tea\""));
    cases.add(bad("coffee", "{\"drink\": \"Latte\"}", "drink", "'drink'", "got \"Latte\""));
    cases.add(
        bad(
            "coffee",
            "{\"drink\": \"latte\", \"embellishments\": \"honey\"}",
            "embellishments",
            "'embellishments' must be a list of at most 12 embellishments",
            "(string)"));
    cases.add(
        bad(
            "coffee",
            "{\"drink\": \"latte\", \"embellishments\": [\"honey\", \"gold leaf\"]}",
            "embellishments[1]",
            "'embellishments[1]' must be one of extra shot, oat milk",
            "marshmallows, chocolate flake",
            "got \"gold leaf\""));
    cases.add(
        bad(
            "coffee",
            "{\"drink\": \"latte\", \"embellishments\": [7]}",
            "embellishments[0]",
            "got 7 (number)"));
    String thirteen = String.join(", ", Collections.nCopies(13, "\"honey\""));
    cases.add(
        bad(
            "coffee",
            "{\"drink\": \"latte\", \"embellishments\": [" + thirteen + "]}",
            "embellishments",
            "at most 12"));
    cases.add(bad("coffee", "{\"drink\": \"latte\", \"size\": 1}", "size", "unknown field"));
  }
}
