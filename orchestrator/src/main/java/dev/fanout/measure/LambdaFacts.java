package dev.fanout.measure;

/**
 * What Lambda said of one invocation, from its REPORT log line.
 *
 * @param initMillis the instance's init duration: present on a cold start only
 * @param durationMillis the handler's own duration
 * @param attempts invocations sent for this task: more than one after throttles
 */
public record LambdaFacts(
    String requestId,
    boolean coldStart,
    Double initMillis,
    Double durationMillis,
    Double billedMillis,
    Integer memorySizeMB,
    Integer maxMemoryMB,
    int attempts) {}
