package dev.fanout.localcloud.lambda.pool;

/**
 * What an invocation's REPORT line says that the pool knows; the shell adds the memory it reads.
 *
 * @param durationMillis from delivery to the end (or from arrival, if never delivered)
 * @param initMillis the cold start's init, NaN for a warm invocation
 * @param status empty, {@code "timeout"} or {@code "error"} (the invocation did not end normally)
 * @param timedOut true when the log gets Lambda's "Task timed out" line
 * @param cold true for the first invocation of its instance
 */
public record LogFacts(
    double durationMillis, double initMillis, String status, boolean timedOut, boolean cold) {}
