package dev.fanout.pipeline;

/** A unit failed where the pipeline cannot see its exception (a worker JVM): its type and why. */
public final class UnitCallFailed extends RuntimeException {
  public UnitCallFailed(String errorType, String message) {
    super(errorType + ": " + message);
  }
}
