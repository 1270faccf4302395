package dev.fanout.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.strategy.kind.StrategyKind;
import dev.fanout.units.CoffeeUnit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Cloud Coffees' waves of customers, and the bound they set: no clock, no unit run. */
class CoffeeWavesTest {
  private static final CoffeeUnit COFFEE = new CoffeeUnit();

  @Test
  void defaults_aFirstCustomer_thenACrowd_thenAfterThePauseAFewMore() {
    List<CoffeeWaves.Wave> waves = CoffeeWaves.defaults().waves();

    assertThat(waves)
        .extracting(CoffeeWaves.Wave::who)
        .containsExactly("the first customer", "a crowd", "a few more");
    assertThat(waves).extracting(wave -> wave.orders().size()).containsExactly(1, 4, 2);
    assertThat(waves)
        .extracting(CoffeeWaves.Wave::gap)
        .containsExactly(Duration.ZERO, Duration.ZERO, CoffeeWaves.DEFAULT_PAUSE);
    assertThat(orderNumbers(waves)).containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThat(CoffeeWaves.defaults().size()).isEqualTo(7);
  }

  @Test
  void defaultPause_outlastsTheLunchsIdleTimeout() {
    assertThat(CoffeeWaves.DEFAULT_PAUSE).isGreaterThan(CoffeeWaves.IDLE_TIMEOUT);
  }

  @Test
  void theOneComplexOrder_isInTheCrowd_andOutlastsCoffeeFunctionsTimeout() throws IOException {
    long timeoutMillis = coffeeFunctionTimeoutSeconds() * 1000;
    List<CoffeeWaves.Order> orders =
        new CoffeeWaves(5, Duration.ofSeconds(1), 3)
            .waves().stream().flatMap(wave -> wave.orders().stream()).toList();

    List<CoffeeWaves.Order> complex = orders.stream().filter(CoffeeWaves.Order::complex).toList();
    assertThat(complex).hasSize(1);
    assertThat(complex.getFirst().wave()).isEqualTo(2);
    assertThat(waitMillis(complex.getFirst())).isGreaterThan(timeoutMillis);
    // Everybody else's is served well inside it, however many come.
    assertThat(orders)
        .filteredOn(order -> !order.complex())
        .allSatisfy(order -> assertThat(waitMillis(order)).isLessThan(timeoutMillis / 2));
  }

  @Test
  void noOneLater_leavesTwoWaves() {
    List<CoffeeWaves.Wave> waves = new CoffeeWaves(3, Duration.ZERO, 0).waves();

    assertThat(waves).hasSize(2);
    assertThat(orderNumbers(waves)).containsExactly(1, 2, 3, 4);
  }

  @Test
  void largestWave_isTheCrowdOrTheLastWave() {
    assertThat(new CoffeeWaves(4, Duration.ZERO, 2).largestWave()).isEqualTo(4);
    assertThat(new CoffeeWaves(2, Duration.ZERO, 6).largestWave()).isEqualTo(6);
  }

  @Test
  void badWaves_areRefusedWithWhatIsAllowed() {
    assertThatThrownBy(() -> new CoffeeWaves(0, Duration.ZERO, 1))
        .hasMessageContaining("crowd must be 1..1000")
        .hasMessageContaining("complex order");
    assertThatThrownBy(() -> new CoffeeWaves(2, Duration.ofSeconds(-1), 1))
        .hasMessageContaining("pause must be 0..30 minutes");
    assertThatThrownBy(() -> new CoffeeWaves(2, Duration.ZERO, -1))
        .hasMessageContaining("later must be 0..1000");
  }

  @Test
  void facts_giveTheWavesBack() {
    CoffeeWaves waves = new CoffeeWaves(6, Duration.ofMillis(2_500), 3);

    assertThat(CoffeeWaves.of(waves.facts())).isEqualTo(waves);
    assertThat(waves.facts()).containsEntry("complexOrder", 2L);
  }

  @Test
  void bestWall_eachWaveItsGapPlusItsSlowestOrder() {
    CoffeeWaves waves = new CoffeeWaves(2, Duration.ofMillis(1_000), 1);

    double wall = waves.bestWallMillis(Map.of(1, 100.0, 2, 3_400.0, 3, 400.0, 4, 150.0));

    assertThat(wall).isEqualTo(100 + 3_400 + 1_000 + 150);
  }

  @Test
  void bound_takesEachOrdersShortestMakingInAnyRun_servedOrNot() {
    CoffeeWaves waves = new CoffeeWaves(2, Duration.ofMillis(1_000), 1);
    // One run served the complex order after 3.4 s; the other binned it at 3.0 s.
    MenuRun inJvm = run(waves, StrategyKind.THREADS, Map.of(1, 100L, 2, 3_400L, 3, 500L, 4, 150L));
    MenuRun onLambda =
        run(waves, StrategyKind.LAMBDA, Map.of(1, 120L, 2, 3_000L, 3, 400L, 4, 900L));

    double bound = MenuFigures.bound(List.of(inJvm, onLambda), 2);

    double bestWallSeconds = (100 + 3_000 + 1_000 + 150) / 1000.0;
    assertThat(bound).isCloseTo(4 / bestWallSeconds, org.assertj.core.data.Offset.offset(1e-9));
  }

  /** A run whose orders each took the given ms, made up on a clock of our own. */
  private static MenuRun run(CoffeeWaves waves, StrategyKind strategy, Map<Integer, Long> millis) {
    List<Span> spans = new ArrayList<>();
    List<OrderOutcome> outcomes = new ArrayList<>();
    long at = 0;
    for (CoffeeWaves.Wave wave : waves.waves()) {
      at += wave.gap().toNanos();
      long slowest = 0;
      for (CoffeeWaves.Order order : wave.orders()) {
        long took = millis.get(order.number()) * 1_000_000;
        spans.add(
            new Span(
                Coffees.MAKE, "lane", Span.Subject.ORDER, order.number(), at, at + took, -1, null));
        outcomes.add(new OrderOutcome(order.number(), at, at + took, null));
        slowest = Math.max(slowest, took);
      }
      at += slowest;
    }
    return new MenuRun(
        "coffees",
        strategy,
        waves.size(),
        0,
        at,
        outcomes,
        spans,
        List.of(),
        List.of(),
        waves.facts());
  }

  private static List<Integer> orderNumbers(List<CoffeeWaves.Wave> waves) {
    return waves.stream()
        .flatMap(wave -> wave.orders().stream())
        .map(CoffeeWaves.Order::number)
        .toList();
  }

  private static long waitMillis(CoffeeWaves.Order order) {
    return CoffeeUnit.waitMillis(COFFEE.parse(order.input()));
  }

  /** CoffeeFunction's own Timeout, as template.yaml sets it. */
  private static long coffeeFunctionTimeoutSeconds() throws IOException {
    Path template = projectRoot().resolve("template.yaml");
    String text = Files.readString(template);
    Matcher function =
        Pattern.compile("(?ms)^  CoffeeFunction:\\n(.*?)(?=^ {0,2}\\S)").matcher(text);
    assertThat(function.find()).as("CoffeeFunction in %s", template).isTrue();
    Matcher timeout = Pattern.compile("(?m)^\\s+Timeout: (\\d+)$").matcher(function.group(1));
    assertThat(timeout.find()).as("CoffeeFunction's Timeout").isTrue();
    return Long.parseLong(timeout.group(1));
  }

  static Path projectRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("template.yaml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
  }
}
