package dev.fanout.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.DeadlineExceededException;
import dev.fanout.api.UnitJson;
import dev.fanout.units.CoffeeUnit.Drink;
import dev.fanout.units.CoffeeUnit.Embellishment;
import dev.fanout.units.testing.TestLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The barista's recipe, waits and indifference to the clock, with waits that take no time. */
class CoffeeUnitTest {
  /** The coffee function's timeout in template.yaml, in milliseconds. */
  private static final long FUNCTION_TIMEOUT_MILLIS = 2_000;

  /** Notes each wait instead of waiting, and the thread each timer's task ran on. */
  private static final class NotedWaits implements CoffeeUnit.Waits {
    final List<Long> sleeps = new CopyOnWriteArrayList<>();
    final List<Long> timers = new CopyOnWriteArrayList<>();
    final List<Thread> timerThreads = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(long millis) {
      sleeps.add(millis);
    }

    @Override
    public Executor after(long millis, Executor loop) {
      return task -> {
        timers.add(millis);
        loop.execute(
            () -> {
              timerThreads.add(Thread.currentThread());
              task.run();
            });
      };
    }
  }

  private final NotedWaits waits = new NotedWaits();
  private final CoffeeUnit unit = new CoffeeUnit(waits);

  @Test
  void coffee_brewsThenAddsEachEmbellishmentInOrder() {
    JsonNode out =
        unit.call(
            UnitJson.parse(
                "test",
                "{\"drink\": \"latte\", \"embellishments\": [\"marshmallows\", \"honey\"]}"),
            Deadline.none());

    assertThat(waits.sleeps).containsExactly(150L, 600L, 250L);
    assertThat(out.get("drink").textValue()).isEqualTo("latte");
    assertThat(out.get("embellishments").asInt()).isEqualTo(2);
    assertThat(out.get("millis").asLong()).isEqualTo(1_000);
    assertThat(out.get("grounds").textValue()).matches("[0-9a-f]{16}");
    assertThat(out.size()).isEqualTo(4);
  }

  @Test
  void recipe_namesEachStep() {
    assertThat(CoffeeUnit.recipe(order(Drink.MOCHA, Embellishment.CHOCOLATE_FLAKE)))
        .containsExactly(
            new CoffeeUnit.Step("brew mocha", 200),
            new CoffeeUnit.Step("add chocolate flake", 600));
  }

  @Test
  void aComplexOrderTakesLonger_everyEmbellishmentAddsTime() {
    List<Embellishment> added = new ArrayList<>();
    long before = CoffeeUnit.waitMillis(order(Drink.ESPRESSO));
    for (int i = 0; i < CoffeeUnit.MAX_EMBELLISHMENTS; i++) {
      added.add(Embellishment.values()[i % Embellishment.values().length]);
      long after = CoffeeUnit.waitMillis(new CoffeeUnit.Input(Drink.ESPRESSO, List.copyOf(added)));
      assertThat(after).as("%d embellishments", added.size()).isGreaterThan(before);
      before = after;
    }
  }

  @Test
  void aPlainOrderFitsTheFunctionsTimeout_andAComplexOneDoesNot() {
    for (Drink drink : Drink.values()) {
      assertThat(CoffeeUnit.waitMillis(order(drink))).as(drink.label()).isBetween(100L, 300L);
    }
    // The article's order: marshmallows and a chocolate flake.
    assertThat(
            CoffeeUnit.waitMillis(
                order(Drink.MOCHA, Embellishment.MARSHMALLOWS, Embellishment.CHOCOLATE_FLAKE)))
        .isEqualTo(1_400);
    // The README's complex order: four embellishments.
    assertThat(
            CoffeeUnit.waitMillis(
                order(
                    Drink.MOCHA,
                    Embellishment.WHIPPED_CREAM,
                    Embellishment.SPRINKLES,
                    Embellishment.MARSHMALLOWS,
                    Embellishment.CHOCOLATE_FLAKE)))
        .isEqualTo(2_300)
        .isGreaterThan(FUNCTION_TIMEOUT_MILLIS);
    CoffeeUnit.Input longest =
        new CoffeeUnit.Input(
            Drink.MOCHA,
            Collections.nCopies(CoffeeUnit.MAX_EMBELLISHMENTS, Embellishment.MARSHMALLOWS));
    assertThat(CoffeeUnit.waitMillis(longest)).isGreaterThan(2 * FUNCTION_TIMEOUT_MILLIS);
  }

  @Test
  void coffee_doesNotWatchTheDeadline_evenWhenItHasPassed() {
    Deadline passed = () -> 0;
    CoffeeUnit.Input crowded =
        new CoffeeUnit.Input(
            Drink.MOCHA,
            Collections.nCopies(CoffeeUnit.MAX_EMBELLISHMENTS, Embellishment.MARSHMALLOWS));

    CoffeeUnit.Output out = unit.run(crowded, passed);

    assertThat(out.embellishments()).isEqualTo(CoffeeUnit.MAX_EMBELLISHMENTS);
    assertThat(waits.sleeps).hasSize(1 + CoffeeUnit.MAX_EMBELLISHMENTS);
  }

  @Test
  void coffee_asyncWaitsOnTimersOnTheLoop_andGivesTheBlockingResult() throws Exception {
    JsonNode input =
        UnitJson.parse(
            "test",
            "{\"drink\": \"cappuccino\", \"embellishments\": [\"cinnamon\", \"sprinkles\"]}");
    try (TestLoop loop = TestLoop.named("coffee-loop")) {
      TestLoop.Observed<JsonNode> call = loop.observe(() -> unit.callAsync(input, () -> 0, loop));

      assertThat(call.completionThread()).isSameAs(loop.thread());
      JsonNode async = call.result().get(5, TimeUnit.SECONDS);
      assertThat(waits.timers).containsExactly(150L, 200L, 400L);
      assertThat(waits.timerThreads).containsOnly(loop.thread());
      assertThat(waits.sleeps).as("no blocking sleep on the loop").isEmpty();
      assertThat(async).isEqualTo(unit.call(input, Deadline.none()));
    }
  }

  @Test
  void coffee_async_leavesTheLoopFreeWhileItWaits() throws Exception {
    CountDownLatch waiting = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    // Waits that last until the test ends them, blocking or not.
    CoffeeUnit.Waits held =
        new CoffeeUnit.Waits() {
          @Override
          public void sleep(long millis) throws InterruptedException {
            waiting.countDown();
            done.await(10, TimeUnit.SECONDS);
          }

          @Override
          public Executor after(long millis, Executor loop) {
            return task -> {
              waiting.countDown();
              Thread.ofVirtual()
                  .start(
                      () -> {
                        try {
                          done.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        loop.execute(task);
                      });
            };
          }
        };
    try (TestLoop loop = TestLoop.named("coffee-free-loop")) {
      CompletableFuture<CoffeeUnit.Output> making =
          new CoffeeUnit(held)
              .runAsync(order(Drink.ESPRESSO, Embellishment.HONEY), Deadline.none(), loop);
      assertThat(waiting.await(5, TimeUnit.SECONDS)).as("the coffee is brewing").isTrue();

      // A loop blocked on the brewing could not run this until the coffee is made.
      CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {}, loop);

      assertThat(other).succeedsWithin(Duration.ofSeconds(5));
      assertThat(making).isNotDone();
      done.countDown();
      assertThat(making.get(5, TimeUnit.SECONDS).millis()).isEqualTo(350);
    } finally {
      done.countDown();
    }
  }

  @Test
  void grounds_areTheSameForTheSameDrink_andDifferBetweenDrinks() {
    String mocha = unit.run(order(Drink.MOCHA), Deadline.none()).grounds();

    assertThat(unit.run(order(Drink.MOCHA, Embellishment.HONEY), Deadline.none()).grounds())
        .isEqualTo(mocha);
    assertThat(unit.run(order(Drink.LATTE), Deadline.none()).grounds()).isNotEqualTo(mocha);
  }

  @Test
  void coffee_interruptedWhileWaiting_servesNothing_andKeepsTheInterrupt() {
    CoffeeUnit interrupted =
        new CoffeeUnit(
            new CoffeeUnit.Waits() {
              @Override
              public void sleep(long millis) throws InterruptedException {
                throw new InterruptedException();
              }

              @Override
              public Executor after(long millis, Executor loop) {
                return loop;
              }
            });
    try {
      assertThatThrownBy(() -> interrupted.run(order(Drink.LATTE), Deadline.none()))
          .isInstanceOf(DeadlineExceededException.class)
          .hasMessage("coffee was interrupted at 'brew latte': nothing was served");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void parse_readsTheDrinkAndTheEmbellishments_whichAreOptional() {
    assertThat(unit.parse(UnitJson.parse("test", "{\"drink\": \"espresso\"}")))
        .isEqualTo(order(Drink.ESPRESSO));
    assertThat(
            unit.parse(
                UnitJson.parse(
                    "test", "{\"drink\": \"mocha\", \"embellishments\": [\"honey\", \"honey\"]}")))
        .isEqualTo(order(Drink.MOCHA, Embellishment.HONEY, Embellishment.HONEY));
    assertThat(unit.parse(UnitJson.parse("test", "{\"drink\": \"latte\", \"embellishments\": []}")))
        .isEqualTo(order(Drink.LATTE));
  }

  private static CoffeeUnit.Input order(Drink drink, Embellishment... embellishments) {
    return new CoffeeUnit.Input(drink, List.of(embellishments));
  }
}
