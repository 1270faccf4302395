package dev.fanout.units;

import dev.fanout.api.Deadline;
import java.util.HexFormat;

/**
 * The lunch's handwork as real CPU work: talking to a customer, chopping and tossing a salad,
 * scrubbing a bowl, grinding beans. Each is a chain of 64-bit mixes in which every step needs the
 * one before, so the JIT can neither fold it to a closed form nor drop it: its result is in the
 * unit's output. The same seed gives the same result on every JVM and strategy.
 */
final class HandWork {
  /** Items in a bowl: 8 KB of longs, which stays in a core's L1 cache so that a pass is CPU. */
  static final int BOWL_ITEMS = 1024;

  /** The golden-ratio increment of SplitMix64: consecutive seeds give unrelated values. */
  private static final long GAMMA = 0x9e3779b97f4a7c15L;

  /** A bowl's passes between two looks at the deadline: about a quarter of a millisecond. */
  private static final int DEADLINE_CHECK_EVERY = 64;

  private HandWork() {}

  /** {@code rounds} mixes of a running value, starting from {@code seed}. */
  static long rounds(long seed, int rounds) {
    long x = seed;
    for (int i = 0; i < rounds; i++) {
      x = mix(x + GAMMA);
    }
    return x;
  }

  /**
   * Fills a bowl from {@code seed}, then makes {@code passes} passes over it, each item mixed with
   * the one before it, and folds the bowl into one value. Looks at the deadline every few passes.
   */
  static long passes(long seed, int passes, Deadline deadline, String what) {
    long[] bowl = new long[BOWL_ITEMS];
    long x = seed;
    for (int i = 0; i < BOWL_ITEMS; i++) {
      x += GAMMA;
      bowl[i] = mix(x);
    }
    long carry = seed;
    for (int pass = 0; pass < passes; pass++) {
      for (int i = 0; i < BOWL_ITEMS; i++) {
        carry = mix(bowl[i] ^ carry);
        bowl[i] = carry;
      }
      if (pass % DEADLINE_CHECK_EVERY == DEADLINE_CHECK_EVERY - 1) {
        deadline.require(1, what);
      }
    }
    long fold = 0;
    for (long item : bowl) {
      fold = mix(fold ^ item);
    }
    return fold;
  }

  /** A seed from a chore's name and its numbers, so that two chores on one bowl differ. */
  static long seed(String chore, long... numbers) {
    long x = chore.hashCode();
    for (long number : numbers) {
      x = mix(x ^ mix(number + GAMMA));
    }
    return x;
  }

  /** Sixteen lower-case hex digits: a 64-bit value that no JSON reader rounds. */
  static String hex(long value) {
    return HexFormat.of().toHexDigits(value);
  }

  /** SplitMix64's finaliser: every bit of the result depends on every bit of {@code z}. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
