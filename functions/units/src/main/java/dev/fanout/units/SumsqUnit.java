package dev.fanout.units;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.Unit;
import dev.fanout.api.UnitJson;
import dev.fanout.api.UnitKind;
import java.math.BigInteger;
import java.util.Set;

/** Sum of i*i for 0 <= i < n, exact: it passes 2^63 at the articles' sizes, so it is a string. */
public final class SumsqUnit implements Unit<SumsqUnit.Input, SumsqUnit.Output> {
  public static final long MAX_N = 200_000_000L;
  private static final long DEADLINE_CHECK_EVERY = 1L << 22;

  public record Input(long n) {}

  public record Output(long n, String sum) {}

  @Override
  public String name() {
    return "sumsq";
  }

  @Override
  public UnitKind kind() {
    return UnitKind.CPU;
  }

  @Override
  public String exampleInput() {
    return "{\"n\": 5000000}";
  }

  @Override
  public Input parse(JsonNode input) {
    UnitJson.requireObject(name(), input, Set.of("n"), exampleInput());
    return new Input(UnitJson.requireLong(name(), input, "n", 0, MAX_N));
  }

  @Override
  public Output run(Input input, Deadline deadline) {
    // A 128-bit accumulator in two longs: each square fits in 63 bits for n <= MAX_N, and the
    // carry out of the low word is detected by unsigned comparison.
    long low = 0;
    long high = 0;
    for (long i = 0; i < input.n(); i++) {
      long square = i * i;
      low += square;
      if (Long.compareUnsigned(low, square) < 0) {
        high++;
      }
      if ((i & (DEADLINE_CHECK_EVERY - 1)) == 0 && i > 0) {
        deadline.require(1, "sumsq(" + input.n() + ")");
      }
    }
    BigInteger sum = BigInteger.valueOf(high).shiftLeft(64).add(unsigned(low));
    return new Output(input.n(), sum.toString());
  }

  private static BigInteger unsigned(long value) {
    BigInteger signed = BigInteger.valueOf(value);
    return value >= 0 ? signed : signed.add(BigInteger.ONE.shiftLeft(64));
  }
}
