package dev.fanout.api;

/**
 * What a unit mostly spends its time on; it decides which physical limit a run is measured against.
 */
public enum UnitKind {
  /** Computes on one core from start to end. */
  CPU,
  /** Waits on the network for most of its time. */
  IO,
  /** Waits on a timer. */
  WAIT,
  /** Reads and writes shared state. */
  STATE
}
