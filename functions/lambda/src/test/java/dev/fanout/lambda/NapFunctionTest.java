package dev.fanout.lambda;

import static dev.fanout.lambda.MockLambda.errorJson;
import static dev.fanout.lambda.MockLambda.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(NapFunctionTest.Nap.class)
class NapFunctionTest {
  public static class Nap implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.lambda.handler", "nap");
    }
  }

  @Test
  void nap_answersWithTheUnitsOutput() {
    assertThat(MockLambda.result("{\"millis\": 20}")).isEqualTo(json("{\"sleptMillis\":20}"));
  }

  @Test
  void outOfRange_isInvalidInputNamingFieldAndRange() {
    assertThat(MockLambda.error("{\"millis\": 60001}"))
        .isEqualTo(
            errorJson(
                "InvalidInput",
                "nap: field 'millis' must be an integer from 0 to 60000, got 60001 (number)"));
  }

  @Test
  void wrongType_isInvalidInput() {
    assertThat(MockLambda.error("{\"millis\": \"soon\"}"))
        .isEqualTo(
            errorJson(
                "InvalidInput",
                "nap: field 'millis' must be an integer from 0 to 60000, got \"soon\" (string)"));
  }

  @Test
  void missingOrUnknownField_isInvalidInput() {
    assertThat(MockLambda.error("{\"milis\": 20}"))
        .isEqualTo(
            errorJson(
                "InvalidInput",
                "nap: unknown field 'milis'; the input takes millis, e.g. {\"millis\": 500}"));
  }
}
