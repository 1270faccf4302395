package dev.fanout.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.engine.ProjectFiles;
import dev.fanout.forecast.Arch;
import dev.fanout.forecast.Forecast;
import dev.fanout.forecast.LambdaFigures;
import dev.fanout.forecast.Profile;
import dev.fanout.forecast.ProfileReader;
import dev.fanout.report.ForecastJson;
import dev.fanout.report.ForecastTable;
import dev.fanout.report.JsonReport;
import dev.fanout.report.html.ForecastPage;
import dev.fanout.report.html.HtmlReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fanout forecast}: predicts a workload at AWS scale (time and cost on Lambda, time on this
 * machine's cores) from a report's measurements, and checks the model against that report.
 */
@Command(
    name = "forecast",
    mixinStandardHelpOptions = true,
    description = {
      "Predicts, from a compare or run JSON report, the wall time and cost of a workload on AWS"
          + " Lambda (its documented limits and prices) and its wall time on this machine's best"
          + " strategy, from 1,000 to 1,000,000 tasks; the task count from which Lambda finishes"
          + " first; and, with --validate, how well the same model predicts the report's own runs."
    })
final class ForecastCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "REPORT.json",
      description = "The JSON of a compare or run with the sequential and lambda strategies.")
  Path from;

  @Option(
      names = "--tasks",
      paramLabel = "N,N..",
      split = ",",
      description = "Task counts to predict (default: 1000,10000,100000,1000000).")
  List<Long> tasks = new ArrayList<>();

  @Option(
      names = "--memory",
      paramLabel = "MB,MB..",
      split = ",",
      description =
          "Lambda memory sizes to predict, 128 to 10240 (default: the size the report measured).")
  List<Integer> memory = new ArrayList<>();

  @Option(
      names = "--arch",
      paramLabel = "ARCH",
      defaultValue = "x86_64",
      description = "x86_64 or arm64: the price of a GB-second (default: ${DEFAULT-VALUE}).")
  String arch;

  @Option(
      names = "--cold-start-ms",
      paramLabel = "MS",
      description =
          "A cold start on AWS (init and a first, slower call), since a local one is not an AWS"
              + " one (default: the one measured in the report).")
  Double coldStartMs;

  @Option(
      names = "--issue-rate",
      paramLabel = "N",
      description =
          "Invocations the invoker sends per second on AWS (default: the pace measured in the"
              + " report's lambda run, whose sending thread shared the cores with the local"
              + " instances; scripts/bench invoker measures the client alone).")
  Double issueRate;

  @Option(
      names = "--account-concurrency",
      paramLabel = "N",
      defaultValue = "1000",
      description = "The account's Lambda concurrency quota (default: ${DEFAULT-VALUE}).")
  int accountConcurrency;

  @Option(names = "--validate", description = "Also predict the report's own runs and compare.")
  boolean validate;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the forecast as JSON.")
  Path json;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description =
          "Write the HTML page (time and cost against tasks) to FILE (default:"
              + " .fanout/reports/forecast-TIME.html in the project).")
  Path html;

  @Option(names = "--no-html", description = "Write no HTML page.")
  boolean noHtml;

  @Override
  public Integer call() {
    Forecast.Request request = request();
    if (json != null) {
      OptionChecks.writable("--json", json);
    }
    if (html != null) {
      OptionChecks.writable("--html", html);
    }
    List<Profile> profiles = ProfileReader.read(report());
    Forecast.Result result = Forecast.of(profiles, request, validate);
    PrintWriter out = spec.commandLine().getOut();
    String coldStartSource = coldStartMs != null ? "given" : "measured locally";
    ForecastTable.print(out, profiles, result, request, coldStartSource);
    if (json != null) {
      JsonReport.write(json, ForecastJson.render(profiles, result, request));
      out.println("JSON forecast: " + json.toAbsolutePath());
    }
    if (!noHtml) {
      Path page = html != null ? html : defaultHtml();
      ForecastPage.write(page, ForecastPage.render(page(), result));
      out.println("HTML forecast: " + page.toAbsolutePath());
    }
    out.flush();
    return FanoutMain.OK;
  }

  private Forecast.Request request() {
    for (long count : tasks) {
      OptionChecks.range("--tasks", count, 1, 10_000_000);
    }
    for (int size : memory) {
      // Lambda's memory setting: 128 MB to 10,240 MB (Lambda quotas).
      OptionChecks.range("--memory", size, 128, 10_240);
    }
    OptionChecks.range("--account-concurrency", accountConcurrency, 1, 1_000_000);
    if (coldStartMs != null && (coldStartMs < 0 || coldStartMs > 600_000)) {
      throw new IllegalArgumentException(
          "--cold-start-ms: " + coldStartMs + " is out of range; give 0 to 600000");
    }
    if (issueRate != null && (issueRate < 1 || issueRate > 1e7)) {
      throw new IllegalArgumentException(
          "--issue-rate: " + issueRate + " is out of range; give 1 to 10000000 a second");
    }
    return new Forecast.Request(
        tasks.isEmpty() ? Forecast.LADDER : tasks.stream().distinct().sorted().toList(),
        memory.stream().distinct().toList(),
        Arch.parse(arch),
        coldStartMs,
        issueRate,
        LambdaFigures.AWS.withAccountConcurrency(accountConcurrency));
  }

  private JsonNode report() {
    if (!Files.isRegularFile(from)) {
      throw new IllegalArgumentException(
          "--from: no report at " + from + "; write one with scripts/fanout compare --json FILE");
    }
    try {
      return JsonReport.mapper().readTree(from.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--from: " + from + " is not a JSON report: " + e.getMessage());
    }
  }

  private HtmlReport.Page page() {
    return new HtmlReport.Page(
        "fanout forecast: " + from.getFileName(),
        "fanout " + String.join(" ", spec.commandLine().getParseResult().originalArgs()),
        "generated " + LocalDateTime.now().withNano(0).toString().replace('T', ' '),
        List.of(
            "a prediction from the measurements in " + from.toAbsolutePath(),
            "Lambda: AWS's documented limits and us-east-1 prices, " + arch),
        List.of(),
        Runtime.getRuntime().availableProcessors());
  }

  static Path defaultHtml() {
    return Reports.defaultHtml(
        ProjectFiles.root().orElse(Path.of("").toAbsolutePath()), "forecast", LocalDateTime.now());
  }
}
