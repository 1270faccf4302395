package dev.fanout.pipeline;

/**
 * A shared thing held by one lane for a while: a bowl in a salad maker's hands.
 *
 * @param thing e.g. {@code bowl 3}
 * @param holder the lane that held it
 * @param order the order it was held for
 */
public record Hold(String thing, String holder, int order, long fromNanos, long toNanos) {}
