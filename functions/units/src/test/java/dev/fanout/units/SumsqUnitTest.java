package dev.fanout.units;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.UnitJson;
import java.math.BigInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SumsqUnitTest {
  private final SumsqUnit unit = new SumsqUnit();

  /** (n-1)n(2n-1)/6: the test may use the closed form, the unit must loop. */
  private static BigInteger closedForm(long n) {
    BigInteger big = BigInteger.valueOf(n);
    return big.subtract(BigInteger.ONE)
        .multiply(big)
        .multiply(big.shiftLeft(1).subtract(BigInteger.ONE))
        .divide(BigInteger.valueOf(6));
  }

  private String sumsq(long n) {
    return unit.run(new SumsqUnit.Input(n), Deadline.none()).sum();
  }

  @Test
  void sumsq_ofFiveMillionIsTheSeedsExactValue() {
    JsonNode out = unit.call(UnitJson.parse("test", "{\"n\": 5000000}"), Deadline.none());

    assertThat(out.get("n").asLong()).isEqualTo(5_000_000L);
    assertThat(out.get("sum").isTextual()).isTrue();
    assertThat(out.get("sum").textValue()).isEqualTo("41666654166667500000");
    assertThat(closedForm(5_000_000)).isEqualTo(new BigInteger("41666654166667500000"));
  }

  @Test
  void sumsq_matchesClosedFormForAllTwentySeedSizes() {
    LongStream.range(0, 20)
        .map(x -> 5_000_000L + x)
        .forEach(n -> assertThat(sumsq(n)).as("sumsq(%d)", n).isEqualTo(closedForm(n).toString()));
  }

  @Test
  void sumsq_passesTwoToTheSixtyThreeAtTheSeedSizes() {
    assertThat(new BigInteger(sumsq(5_000_000))).isGreaterThan(BigInteger.valueOf(Long.MAX_VALUE));
  }

  @Test
  void sumsq_ofZeroAndOneIsZero() {
    assertThat(sumsq(0)).isEqualTo("0");
    assertThat(sumsq(1)).isEqualTo("0");
  }

  @Test
  void sumsq_ofSmallNSumsSquaresBelowN() {
    assertThat(sumsq(2)).isEqualTo("1");
    assertThat(sumsq(3)).isEqualTo("5");
    assertThat(sumsq(4)).isEqualTo("14");
    assertThat(sumsq(10)).isEqualTo("285");
  }

  @Test
  void sumsq_atMaxNCarriesPastSixtyFourBitsExactly() {
    String sum = sumsq(SumsqUnit.MAX_N);

    assertThat(sum).isEqualTo(closedForm(SumsqUnit.MAX_N).toString());
    assertThat(new BigInteger(sum)).isGreaterThan(BigInteger.ONE.shiftLeft(64));
  }
}
