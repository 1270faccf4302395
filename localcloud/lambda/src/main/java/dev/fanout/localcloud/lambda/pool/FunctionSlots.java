package dev.fanout.localcloud.lambda.pool;

import java.util.ArrayDeque;

/** One function's share of the pool: its live instances, the idle ones, its queued events. */
final class FunctionSlots {
  final PoolFunction config;

  /** Instances not GONE. */
  int live;

  /** Instances ever started: the next one's number is this plus one. */
  int started;

  /** IDLE instances that may take an invocation, the most recently idle first. */
  final ArrayDeque<Instance> idle = new ArrayDeque<>();

  final ArrayDeque<Invocation> queued = new ArrayDeque<>();

  FunctionSlots(PoolFunction config) {
    this.config = config;
  }

  String name() {
    return config.name();
  }
}
