package dev.fanout.report;

import dev.fanout.forecast.Forecast;
import dev.fanout.forecast.LambdaFigures;
import dev.fanout.forecast.Profile;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** A forecast on the console: the ladder per workload, its break-even, then the validation. */
public final class ForecastTable {
  private static final String ROW = "  %10s  %-12s %9s  %8s %10s %11s  %s";
  private static final String CHECK = "  %-10s %-11s %10s %10s %8s %6s";

  private ForecastTable() {}

  public static void print(
      PrintWriter out,
      List<Profile> profiles,
      Forecast.Result result,
      Forecast.Request request,
      String coldStartSource) {
    LambdaFigures figures = request.figures();
    for (Profile profile : profiles) {
      Profile.LambdaMeasure lambda = profile.lambda();
      out.printf(
          "%n%s: forecast from %d measured tasks, a prediction and not a measurement%n",
          profile.workload(), profile.work().size());
      out.println(
          ConsoleTable.wrap(
              String.format(
                  "Lambda: %s, %,d concurrent, %,d new environments at once then %.0f/s; cold"
                      + " start %s (%s)",
                  request.arch().label(),
                  figures.accountConcurrency(),
                  figures.scalingBurst(),
                  figures.scalingRefillPerSecond(),
                  span(
                      request.coldStartMillis() != null
                          ? request.coldStartMillis()
                          : lambda.coldStartMillis()),
                  coldStartSource),
              "  ",
              ConsoleTable.WIDTH));
      out.println(
          ConsoleTable.wrap(
              String.format(
                  "round trip %s per invocation (measured), invoker %s invocations/s (%s), %d"
                      + " cores",
                  span(lambda.overheadMillis()),
                  rate(
                      request.issuePerSecond() != null
                          ? request.issuePerSecond()
                          : lambda.issuePerSecond()),
                  request.issuePerSecond() != null ? "given" : "measured",
                  profile.cores()),
              "  ",
              ConsoleTable.WIDTH));
      row(out, "tasks", "this machine", "wall", "lambda", "wall", "cost", "");
      for (Forecast.Prediction machine : of(result, profile, Forecast.THIS_MACHINE)) {
        boolean first = true;
        for (Forecast.Prediction lambdaRow : of(result, profile, Forecast.LAMBDA)) {
          if (lambdaRow.tasks() != machine.tasks()) {
            continue;
          }
          row(
              out,
              first ? String.format(Locale.ROOT, "%,d", machine.tasks()) : "",
              first ? machine.strategy() : "",
              first ? span(machine.wallMillis()) : "",
              lambdaRow.memoryMB() + " MB",
              span(lambdaRow.wallMillis()),
              usd(lambdaRow.costUsd()),
              lambdaRow.wallMillis() < machine.wallMillis() ? "lambda first" : "");
          first = false;
        }
      }
      result.breakEven().stream()
          .filter(b -> b.workload().equals(profile.workload()))
          .forEach(
              b -> out.println(ConsoleTable.wrap(breakEven(b, request), "  ", ConsoleTable.WIDTH)));
    }
    if (!result.validation().isEmpty()) {
      out.printf(
          "%nvalidation: the same model with the limits the report ran under (the cores other"
              + " work left%n  each run, probed around it; the emulation's instances sharing"
              + " this machine's cores;%n  the measured cold starts) against the report's own"
              + " runs%n");
      profiles.stream()
          .filter(p -> p.loadAverage() != null && p.loadAverage() > p.cores())
          .findFirst()
          .ifPresent(
              p ->
                  out.printf(
                      Locale.ROOT,
                      "  measured under a load average of %.1f on %d cores: other work shared the"
                          + " cores%n",
                      p.loadAverage(),
                      p.cores()));
      check(out, "workload", "strategy", "predicted", "measured", "error", "cores");
      for (Forecast.Validation check : result.validation()) {
        check(
            out,
            check.workload(),
            check.strategy(),
            span(check.predictedMillis()),
            span(check.measuredMillis()),
            String.format(Locale.ROOT, "%+.0f%%", check.error() * 100),
            check.cores() == null ? "" : String.format(Locale.ROOT, "%.1f", check.cores()));
      }
    }
    out.flush();
  }

  private static void check(PrintWriter out, Object... columns) {
    out.println(String.format(CHECK, columns).stripTrailing());
  }

  private static void row(PrintWriter out, Object... columns) {
    out.println(String.format(ROW, columns).stripTrailing());
  }

  static String breakEven(Forecast.BreakEven breakEven, Forecast.Request request) {
    long most = request.tasks().stream().mapToLong(Long::longValue).max().orElse(0);
    if (breakEven.tasks() == null) {
      return String.format(
          Locale.ROOT,
          "break-even: Lambda (%d MB) does not finish first up to %,d tasks",
          breakEven.memoryMB(),
          most);
    }
    return String.format(
        Locale.ROOT,
        "break-even: Lambda (%d MB) finishes first from about %,d tasks, at %s a run",
        breakEven.memoryMB(),
        breakEven.tasks(),
        usd(breakEven.costUsd()));
  }

  private static List<Forecast.Prediction> of(
      Forecast.Result result, Profile profile, String target) {
    return result.predictions().stream()
        .filter(p -> p.workload().equals(profile.workload()) && p.target().equals(target))
        .toList();
  }

  /** A duration short or long: ms and s as in the other tables, then minutes and hours. */
  public static String span(double millis) {
    if (millis < 100_000) {
      return ConsoleTable.duration(millis);
    }
    if (millis < 6_000_000) {
      return String.format(Locale.ROOT, "%.1f min", millis / 60_000);
    }
    return String.format(Locale.ROOT, "%.1f h", millis / 3_600_000);
  }

  public static String usd(double usd) {
    return usd >= 1
        ? String.format(Locale.ROOT, "$%,.2f", usd)
        : String.format(Locale.ROOT, "$%.4g", usd);
  }

  private static String rate(double perSecond) {
    return perSecond >= 1e9 ? "unbounded" : String.format(Locale.ROOT, "%.0f", perSecond);
  }
}
