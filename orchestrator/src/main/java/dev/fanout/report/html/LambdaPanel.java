package dev.fanout.report.html;

import dev.fanout.measure.LambdaFacts;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskRecord;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.DoubleStream;

/**
 * What a lambda run adds above its timing diagram: where the invocations went (the local emulation
 * or Lambda itself), and the REPORT lines' figures summed up: cold starts, handler and round-trip
 * times, billed time, memory, throttles and the estimated cost.
 */
final class LambdaPanel {
  private LambdaPanel() {}

  /** The box of a lambda run's figures, appended to {@code html}. */
  static void append(StringBuilder html, RunResult run) {
    RunResult.LambdaRun lambda = run.lambda();
    List<LambdaFacts> facts =
        run.tasks().stream().map(TaskRecord::lambda).filter(Objects::nonNull).toList();
    List<LambdaFacts> cold = facts.stream().filter(LambdaFacts::coldStart).toList();
    double initSum = values(cold, LambdaFacts::initMillis).sum();
    double initMax = values(cold, LambdaFacts::initMillis).max().orElse(0);
    double billed = values(facts, LambdaFacts::billedMillis).sum();
    double handler = values(facts, LambdaFacts::durationMillis).sum();
    double roundTrips =
        run.tasks().stream()
            .filter(t -> t.lambda() != null)
            .mapToDouble(TaskRecord::durationMillis)
            .sum();
    long throttledTasks = facts.stream().filter(f -> f.attempts() > 1).count();
    long maxMemory = Math.round(values(facts, LambdaFacts::maxMemoryMB).max().orElse(0));
    long memorySize = Math.round(values(facts, LambdaFacts::memorySizeMB).max().orElse(0));
    String target = lambda.target();
    String badge =
        target.startsWith("local emulation")
            ? "<span class=\"badge badge-local\">local emulation, not AWS</span> "
            : target.startsWith("AWS Lambda")
                ? "<span class=\"badge badge-remote\">AWS</span> "
                : "<span class=\"badge badge-local\">Lambda endpoint</span> ";
    boolean local = target.startsWith("local emulation");
    html.append("<div class=\"lambda\"><p>")
        .append(badge)
        .append(Html.text(target))
        .append("</p><dl>");
    item(html, "invocations", facts.size() + " of " + run.tasks().size() + " tasks answered");
    item(
        html,
        "cold starts",
        cold.isEmpty()
            ? "0"
            : cold.size()
                + " (init "
                + Html.duration(initSum / cold.size())
                + " mean, "
                + Html.duration(initMax)
                + " max)");
    item(
        html,
        "handler / round trip",
        facts.isEmpty()
            ? "–"
            : Html.duration(handler / facts.size())
                + " / "
                + Html.duration(roundTrips / facts.size())
                + " mean");
    item(html, "billed", Html.duration(billed) + " in all");
    item(html, "memory", maxMemory + " MB used at most, of " + memorySize + " MB");
    item(html, "throttled", throttledTasks + " tasks, " + lambda.throttles() + " retries (429)");
    item(html, "estimated cost", String.format(Locale.ROOT, "$%.6f", lambda.costUsd()));
    html.append("</dl><p class=\"caption\">")
        .append(
            local
                ? "The instances are child JVMs on this machine, sharing its cores: times show"
                    + " the model, not AWS's speed. Billed time and cost are what AWS would charge"
                    + " for the reported durations."
                : "Billed time and cost are estimated from the REPORT lines at on-demand prices.")
        .append("</p></div>");
  }

  /** A REPORT-line field over the invocations that reported it. */
  private static DoubleStream values(List<LambdaFacts> facts, Function<LambdaFacts, Number> field) {
    return facts.stream().map(field).filter(Objects::nonNull).mapToDouble(Number::doubleValue);
  }

  private static void item(StringBuilder html, String term, String value) {
    html.append("<dt>")
        .append(Html.text(term))
        .append("</dt><dd>")
        .append(Html.text(value))
        .append("</dd>");
  }
}
