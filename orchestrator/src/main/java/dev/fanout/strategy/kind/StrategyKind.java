package dev.fanout.strategy.kind;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The strategies there are, in the report's order: each one's name, what it is, and what its runs
 * are like. This is the one list of them. Every choice made per strategy is a switch over it with
 * no default, so a new strategy fails to compile wherever it has not been given its behaviour.
 *
 * <p>A value, depending on nothing of the lab: results and reports name a run's kind without
 * knowing how it ran.
 */
public enum StrategyKind {
  SEQUENTIAL("sequential", "one task after another on one thread"),
  THREADS(
      "threads", "a fixed pool of platform threads (--workers, default the articles' pool size)"),
  ASYNC(
      "async",
      "ONE event-loop thread runs all task code; I/O is non-blocking, CPU work blocks the loop"),
  VIRTUAL("virtual", "a virtual thread per task"),
  PROCESSES(
      "processes",
      "a pool of worker JVMs fed over pipes, one per core by default; their start-up is measured"
          + " apart"),
  LAMBDA(
      "lambda",
      "one Lambda invocation per task through the AWS SDK's LambdaAsyncClient, up to --workers in"
          + " flight");

  /** The furthest a misspelt name may be from a strategy's (in edits) to be suggested. */
  private static final int MAX_SUGGESTION_EDITS = 2;

  private final String label;
  private final String description;

  StrategyKind(String label, String description) {
    this.label = label;
    this.description = description;
  }

  /** The name a user types and every report prints, e.g. {@code threads}. */
  public String label() {
    return label;
  }

  /** What it is, in one line. */
  public String description() {
    return description;
  }

  /** The label: what a report prints and a user types. */
  @Override
  public String toString() {
    return label;
  }

  /** The strategy of this label; an unknown one names the closest strategy and lists them all. */
  public static StrategyKind of(String label) {
    for (StrategyKind kind : values()) {
      if (kind.label.equals(label)) {
        return kind;
      }
    }
    String choose =
        closest(label)
            .map(kind -> "did you mean '" + kind.label + "'? Choose from ")
            .orElse("choose from ");
    throw new IllegalArgumentException(
        "unknown strategy '" + label + "'; " + choose + String.join(", ", labels()));
  }

  /** Every label, in the report's order. */
  public static List<String> labels() {
    return Arrays.stream(values()).map(StrategyKind::label).toList();
  }

  /** The kinds in the report's order. */
  public static List<StrategyKind> all() {
    return List.of(values());
  }

  /**
   * The strategy a misspelt name most likely meant: the nearest within {@link
   * #MAX_SUGGESTION_EDITS} edits (case aside), else the only one it begins.
   */
  static Optional<StrategyKind> closest(String given) {
    if (given == null || given.isBlank()) {
      return Optional.empty();
    }
    String typed = given.toLowerCase(Locale.ROOT);
    StrategyKind nearest = null;
    int best = Integer.MAX_VALUE;
    for (StrategyKind kind : values()) {
      int edits = edits(typed, kind.label);
      if (edits < best) {
        best = edits;
        nearest = kind;
      }
    }
    // Two edits turn any two letters into another two: too short a name to guess from.
    if (best <= MAX_SUGGESTION_EDITS && best < typed.length()) {
      return Optional.of(nearest);
    }
    List<StrategyKind> begun =
        Arrays.stream(values())
            .filter(kind -> typed.length() >= 2 && kind.label.startsWith(typed))
            .toList();
    return begun.size() == 1 ? Optional.of(begun.getFirst()) : Optional.empty();
  }

  /** Levenshtein distance: insertions, deletions and substitutions to turn a into b. */
  private static int edits(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** Whether its tasks run in the lab's own JVM, sharing its heap, JIT and warm-up. */
  public boolean inThisJvm() {
    return switch (this) {
      case SEQUENTIAL, THREADS, ASYNC, VIRTUAL -> true;
      case PROCESSES, LAMBDA -> false;
    };
  }

  /**
   * Whether its tasks share one memory, so that state in the heap (an in-memory ledger) is the same
   * state for all of them. Worker JVMs and Lambda instances each have their own.
   */
  public boolean sharesMemory() {
    return switch (this) {
      case SEQUENTIAL, THREADS, ASYNC, VIRTUAL -> true;
      case PROCESSES, LAMBDA -> false;
    };
  }

  /** Whether its runs need a Lambda Invoke API endpoint to call. */
  public boolean invokesLambda() {
    return switch (this) {
      case SEQUENTIAL, THREADS, ASYNC, VIRTUAL, PROCESSES -> false;
      case LAMBDA -> true;
    };
  }

  /**
   * The table's "workers" column: how many tasks its own lanes run at once. The event loop is one
   * whatever its tasks in flight; virtual threads are one per task in flight.
   */
  public String workersColumn(int workers) {
    return switch (this) {
      case SEQUENTIAL, THREADS, PROCESSES, LAMBDA -> Integer.toString(workers);
      case ASYNC -> "1 loop";
      case VIRTUAL -> workers + " vt";
    };
  }

  /** What its lanes (a timing diagram's rows) are, by their count: "thread", "worker JVMs". */
  public String laneNoun(int count) {
    String lane =
        switch (this) {
          case SEQUENTIAL, THREADS -> "thread";
          case ASYNC -> "event loop";
          case VIRTUAL -> "virtual thread";
          case PROCESSES -> "worker JVM";
          case LAMBDA -> "Lambda instance";
        };
    return count == 1 ? lane : lane + "s";
  }

  /** Its limit on tasks in flight at once, as a chart labels it: "5 threads", "1 at a time". */
  public String inFlightLimit(int concurrency) {
    return switch (this) {
      case SEQUENTIAL -> "1 at a time";
      case THREADS -> concurrency + " threads";
      case ASYNC -> concurrency == 1 ? "1 loop" : concurrency + " on 1 loop";
      case VIRTUAL -> concurrency + " virtual threads";
      case PROCESSES -> concurrency + " worker JVMs";
      case LAMBDA -> concurrency + " invocations";
    };
  }
}
