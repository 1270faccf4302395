package dev.fanout.cli;

import dev.fanout.check.PipelineCheck;
import dev.fanout.engine.Lab;
import dev.fanout.engine.LabSettings;
import dev.fanout.engine.LedgerChoice;
import dev.fanout.engine.Lunch;
import dev.fanout.engine.ProjectFiles;
import dev.fanout.pipeline.BurgerShop;
import dev.fanout.pipeline.CoffeeWaves;
import dev.fanout.pipeline.LunchSettings;
import dev.fanout.pipeline.Menu;
import dev.fanout.pipeline.MenuFigures;
import dev.fanout.pipeline.MenuRun;
import dev.fanout.pipeline.SaladBar;
import dev.fanout.report.ConsoleTable;
import dev.fanout.report.JsonReport;
import dev.fanout.report.LunchJson;
import dev.fanout.report.LunchTable;
import dev.fanout.report.html.HtmlReport;
import dev.fanout.report.html.LunchPage;
import dev.fanout.strategy.kind.StrategyKind;
import dev.fanout.units.SaladUnit;
import dev.fanout.units.WashUnit;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fanout lunch}: the article's restaurants, each a pipeline, under every strategy. */
@Command(
    name = "lunch",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the article's lunch: Concurrent Burgers (stages joined by queues, a grill that"
          + " cooks on its own: I/O-bound), Parallel Salads (makers and a washer sharing bowls:"
          + " CPU-bound) and Cloud Coffees (orders in waves, each one Lambda invocation: cold"
          + " starts, reclaims, a timeout), each under every strategy where it means something,"
          + " and prints a table per menu: throughput against the bound, latency, queues.",
      "With no options: every menu at the defaults below, then the article's comparison table"
          + " filled in from what was measured.",
      "Exit codes: 0 every order accounted for (served, or failed with a reason: a failure is"
          + " counted, not fatal); 1 an order was lost or a run could not run; 2 bad usage."
    })
final class LunchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"--menu", "-m"},
      paramLabel = "M",
      split = ",",
      description = "Menus to serve, in order (default: all of ${COMPLETION-CANDIDATES}).",
      completionCandidates = MenuNames.class)
  List<String> menus = new ArrayList<>();

  @Option(
      names = {"--strategies", "--strategy", "-s"},
      paramLabel = "S,S..",
      split = ",",
      description =
          "Strategies (default: every one each menu runs under, but burgers on lambda, which run"
              + " when named: their stages are Lambda functions joined by SQS queues).",
      converter = StrategyKinds.Converter.class,
      completionCandidates = StrategyKinds.Names.class)
  List<StrategyKind> strategies = new ArrayList<>();

  @Option(
      names = "--orders",
      paramLabel = "N",
      description =
          "Customers of burgers and salads (default: burgers 24, salads 60); coffees come in"
              + " waves: --crowd, --later.")
  Integer orders;

  @Option(
      names = "--grill",
      paramLabel = "G",
      defaultValue = "4",
      description = "burgers: patties the grill cooks at once (default: ${DEFAULT-VALUE}).")
  int grill;

  @Option(
      names = "--cook-ms",
      paramLabel = "MS",
      defaultValue = "200",
      description = "burgers: how long a patty cooks (default: ${DEFAULT-VALUE}).")
  int cookMillis;

  @Option(
      names = "--open-orders",
      paramLabel = "N",
      defaultValue = "" + BurgerShop.ARTICLE_OPEN_ORDERS,
      description =
          "burgers: orders taken and not yet served, at most (default: the article's"
              + " ${DEFAULT-VALUE}).")
  int openOrders;

  @Option(
      names = "--staff",
      paramLabel = "N",
      description =
          "salads: salad makers plus the one washer (default: a maker per core, plus the"
              + " washer).")
  Integer staff;

  @Option(
      names = "--bowls",
      paramLabel = "B",
      description =
          "salads: bowls in the shop (default: two per member of staff, so that a maker rarely"
              + " waits for the washer).")
  Integer bowls;

  @Option(
      names = "--salad-passes",
      paramLabel = "P",
      defaultValue = "" + SaladUnit.DEFAULT_PASSES,
      description = "salads: the work of one salad (default: ${DEFAULT-VALUE}, about 30 ms).")
  int saladPasses;

  @Option(
      names = "--wash-passes",
      paramLabel = "P",
      defaultValue = "" + WashUnit.DEFAULT_PASSES,
      description = "salads: the work of one wash (default: ${DEFAULT-VALUE}, about 10 ms).")
  int washPasses;

  @Option(
      names = "--crowd",
      paramLabel = "N",
      defaultValue = "" + CoffeeWaves.DEFAULT_CROWD,
      description =
          "coffees: the crowd that comes after the first customer, the friend's complex order"
              + " among them (default: ${DEFAULT-VALUE}).")
  int crowd;

  @Option(
      names = "--pause",
      paramLabel = "DURATION",
      description =
          "coffees: the quiet after the crowd, longer than the idle timeout so that idle instances"
              + " are reclaimed (default: 1500ms).")
  String pause;

  @Option(
      names = "--later",
      paramLabel = "N",
      defaultValue = "" + CoffeeWaves.DEFAULT_LATER,
      description = "coffees: customers after the pause (default: ${DEFAULT-VALUE}).")
  int later;

  @Option(
      names = "--poison",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "burgers on lambda: orders among --orders that always fail a stage; each ends in the"
              + " dead-letter queue after its deliveries (default: ${DEFAULT-VALUE}).")
  int poison;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the runs as JSON.")
  Path json;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description =
          "Write the HTML report (a lane per worker, queues over time, latencies) to FILE"
              + " (default: .fanout/reports/lunch-TIME.html in the project).")
  Path html;

  @Option(names = "--no-html", description = "Write no HTML report.")
  boolean noHtml;

  @Option(
      names = "--no-warmup",
      description = "Skip the untimed warm-up of the menus' CPU units before the in-JVM runs.")
  boolean noWarmup;

  @Mixin LambdaOptions lambda;

  static final int BURGER_ORDERS = 24;
  static final int SALAD_ORDERS = 60;

  @Override
  public Integer call() {
    List<Menu> chosen = chosenMenus();
    LunchSettings settings = settings();
    lambda.validate();
    if (json != null) {
      OptionChecks.writable("--json", json);
    }
    if (html != null && noHtml) {
      throw new IllegalArgumentException("--html and --no-html exclude each other: choose one");
    }
    if (html != null) {
      OptionChecks.writable("--html", html);
    }
    PrintWriter out = spec.commandLine().getOut();
    List<StrategyKind> kinds = StrategyKinds.chosen(strategies);
    List<String> onLambda =
        kinds.contains(StrategyKind.LAMBDA)
            ? chosen.stream()
                .filter(menu -> runs(menu, StrategyKind.LAMBDA))
                .flatMap(menu -> menu.unitsInvokedOnLambda().stream())
                .toList()
            : List.of();
    LabSettings lab =
        new LabSettings(
            new LabSettings.Fetching(null, 0, 0, null),
            LedgerChoice.memory(true),
            lambda.choice(onLambda),
            0,
            null,
            0,
            1,
            !noWarmup,
            null,
            List.of(),
            null);
    List<List<MenuFigures>> served = new ArrayList<>();
    boolean allAccounted = true;
    List<StrategyKind> needed =
        kinds.stream().filter(kind -> chosen.stream().anyMatch(m -> runs(m, kind))).toList();
    lambda.warnUnused(needed, spec.commandLine().getErr());
    try (Lab kitchen = Lab.openForLunch(lab, needed, spec.commandLine().getErr())) {
      Lunch lunch = kitchen.lunch();
      for (Menu menu : chosen) {
        List<StrategyKind> own = kinds.stream().filter(kind -> runs(menu, kind)).toList();
        if (own.isEmpty()) {
          out.printf("%n%s: none of the strategies asked for runs it%n", menu);
          continue;
        }
        List<MenuRun> runs = lunch.serve(menu, own, settings);
        List<MenuFigures> figures =
            MenuFigures.of(runs, Runtime.getRuntime().availableProcessors());
        served.add(figures);
        LunchTable.print(out, heading(menu, settings), figures);
        for (MenuRun run : runs) {
          for (String violation : PipelineCheck.violations(run)) {
            out.println(
                ConsoleTable.wrap(
                    menu + "/" + run.strategy() + ": " + violation, "  ", ConsoleTable.WIDTH));
            allAccounted = false;
          }
        }
      }
      LunchTable.printLegend(out);
      if (served.size() > 1) {
        LunchTable.printComparison(out, served);
      }
      if (json != null) {
        JsonReport.write(json, LunchJson.render(served, kitchen.settingsJson()));
        out.println("JSON report: " + json.toAbsolutePath());
      }
      if (!noHtml && !served.isEmpty()) {
        Path file =
            html != null
                ? html
                : Reports.defaultHtml(
                    ProjectFiles.root().orElse(Path.of("").toAbsolutePath()),
                    spec.name(),
                    LocalDateTime.now());
        LunchPage.write(file, LunchPage.render(page(chosen), served));
        out.println("HTML report: " + file.toAbsolutePath());
      }
    }
    out.flush();
    return allAccounted ? FanoutMain.OK : FanoutMain.TASKS_FAILED;
  }

  /** Named strategies run wherever they mean something; the default, where it is the default. */
  private boolean runs(Menu menu, StrategyKind kind) {
    return strategies.isEmpty() ? menu.runsByDefault(kind) : menu.runsUnder(kind);
  }

  private List<Menu> chosenMenus() {
    if (menus.isEmpty()) {
      return List.of(Menu.values());
    }
    LinkedHashSet<Menu> chosen = new LinkedHashSet<>();
    for (String name : menus) {
      try {
        chosen.add(Menu.of(name));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--menu: " + e.getMessage());
      }
    }
    return List.copyOf(chosen);
  }

  /** The menus as asked; a value out of range is a usage error naming its option. */
  LunchSettings settings() {
    if (orders != null) {
      OptionChecks.range("--orders", orders, 1, 100_000);
    }
    OptionChecks.range("--grill", grill, 1, 1_000);
    OptionChecks.range("--cook-ms", cookMillis, 0, 60_000);
    OptionChecks.range("--open-orders", openOrders, 1, 10_000);
    int cores = Runtime.getRuntime().availableProcessors();
    int staffCount = staff == null ? cores + 1 : staff;
    OptionChecks.range("--staff", staffCount, 2, 256);
    int bowlCount = bowls == null ? 2 * staffCount : bowls;
    OptionChecks.range("--bowls", bowlCount, 1, 10_000);
    OptionChecks.range("--salad-passes", saladPasses, 1, SaladUnit.MAX_PASSES);
    OptionChecks.range("--wash-passes", washPasses, 1, WashUnit.MAX_PASSES);
    OptionChecks.range("--crowd", crowd, 1, CoffeeWaves.MAX_WAVE);
    OptionChecks.range("--later", later, 0, CoffeeWaves.MAX_WAVE);
    Duration quiet =
        pause == null ? CoffeeWaves.DEFAULT_PAUSE : OptionChecks.duration("--pause", pause);
    if (quiet.compareTo(CoffeeWaves.MAX_PAUSE) > 0) {
      throw new IllegalArgumentException(
          "--pause: at most " + CoffeeWaves.MAX_PAUSE.toMinutes() + "m, got " + pause);
    }
    return new LunchSettings(
        new BurgerShop(
            orders == null ? BURGER_ORDERS : orders,
            grill,
            Duration.ofMillis(cookMillis),
            openOrders,
            null),
        new SaladBar(
            orders == null ? SALAD_ORDERS : orders, staffCount, bowlCount, saladPasses, washPasses),
        new CoffeeWaves(crowd, quiet, later),
        poison(orders == null ? BURGER_ORDERS : orders));
  }

  private int poison(int burgerOrders) {
    OptionChecks.range("--poison", poison, 0, burgerOrders);
    if (poison > 0 && !strategies.contains(StrategyKind.LAMBDA)) {
      throw new IllegalArgumentException(
          "--poison: poison orders are sent to the burger bar on Lambda; add --strategy lambda");
    }
    return poison;
  }

  private static String heading(Menu menu, LunchSettings settings) {
    return switch (menu) {
      case BURGERS -> {
        BurgerShop shop = settings.burgers();
        yield String.format(
            Locale.ROOT,
            "burgers: %d orders; the article's Concurrent Burgers: a grill of %d patties cooking"
                + " %d ms each (I/O), at most %d open orders",
            shop.orders(),
            shop.grill(),
            shop.cook().toMillis(),
            shop.openOrders());
      }
      case SALADS -> {
        SaladBar bar = settings.salads();
        yield String.format(
            Locale.ROOT,
            "salads: %d orders; the article's Parallel Salads: %d salad makers and a washer"
                + " sharing %d bowls (CPU, %d cores)",
            bar.orders(),
            bar.makers(),
            bar.bowls(),
            Runtime.getRuntime().availableProcessors());
      }
      case COFFEES -> {
        CoffeeWaves waves = settings.coffees();
        yield String.format(
            Locale.ROOT,
            "coffees: %d orders; the article's Cloud Coffees: one customer, a crowd of %d (one"
                + " order complex), a pause of %s, %d more; each coffee one invocation under lambda",
            waves.size(),
            waves.crowd(),
            ConsoleTable.duration(waves.pause().toMillis()),
            waves.later());
      }
    };
  }

  private HtmlReport.Page page(List<Menu> chosen) {
    return new HtmlReport.Page(
        "fanout lunch: " + String.join(", ", chosen.stream().map(Menu::label).toList()),
        "fanout " + String.join(" ", spec.commandLine().getParseResult().originalArgs()),
        "generated " + LocalDateTime.now().withNano(0).toString().replace('T', ' '),
        List.of(
            JsonReport.machineLine(),
            noWarmup
                ? "no warm-up"
                : "the menus' CPU units warmed up before the runs, in this JVM and in each worker"
                    + " JVM"),
        List.of(),
        Runtime.getRuntime().availableProcessors());
  }

  static final class MenuNames extends ArrayList<String> {
    MenuNames() {
      super(Menu.labels());
    }
  }
}
