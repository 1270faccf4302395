package dev.fanout.localcloud.lambda.pool;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link Pool} knows, and the effects of the decision under way. Shared by the pool's
 * parts ({@link Placement}, {@link Endings}); touched by one decision at a time.
 */
final class PoolState {
  final PoolLimits limits;
  final Map<String, FunctionSlots> functions = new LinkedHashMap<>();

  /** Every instance until its process is released, GONE ones included. */
  final Map<InstanceId, Instance> instances = new LinkedHashMap<>();

  /** Invocations not LOGGED yet, by request id. */
  final Map<String, Invocation> invocations = new HashMap<>();

  /** Instances not GONE, of all functions. */
  int live;

  boolean shuttingDown;

  /** When the event being decided happened. */
  long now;

  List<PoolEffect> effects = new ArrayList<>();

  PoolState(List<PoolFunction> functions, PoolLimits limits) {
    this.limits = limits;
    for (PoolFunction function : functions) {
      this.functions.put(function.name(), new FunctionSlots(function));
    }
  }

  FunctionSlots slots(String function) {
    FunctionSlots slots = functions.get(function);
    if (slots == null) {
      throw new IllegalArgumentException(
          "no function called " + function + " in the pool; it runs " + functions.keySet());
    }
    return slots;
  }

  /** True once {@code deadline} has come; nanoTimes are compared by difference (they may wrap). */
  boolean due(long deadline) {
    return now - deadline >= 0;
  }

  void emit(PoolEffect effect) {
    effects.add(effect);
  }

  static double millis(long nanos) {
    return nanos / 1e6;
  }
}
