package dev.fanout.lambda;

import static dev.fanout.lambda.MockLambda.errorJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(PowerloopFunctionTest.Powerloop.class)
class PowerloopFunctionTest {
  public static class Powerloop implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.lambda.handler", "powerloop");
    }
  }

  @Test
  void powerloop_answersWithTheUnitsOutput() {
    JsonNode out = MockLambda.result("{\"start\": 1, \"iterations\": 1000}");

    assertThat(out.get("start").doubleValue()).isEqualTo(1.0);
    assertThat(out.get("iterations").intValue()).isEqualTo(1000);
    assertThat(out.get("result").doubleValue()).isCloseTo(1001.0, within(1e-6));
  }

  @Test
  void outOfRange_isInvalidInputNamingFieldAndRange() {
    assertThat(MockLambda.error("{\"start\": 1000001}"))
        .isEqualTo(
            errorJson(
                "InvalidInput",
                "powerloop: field 'start' must be a number from 0 to 1000000, got 1000001 (number)"));
  }

  @Test
  void wrongType_isInvalidInput() {
    assertThat(MockLambda.error("{\"start\": \"one\"}"))
        .isEqualTo(
            errorJson(
                "InvalidInput",
                "powerloop: field 'start' must be a number from 0 to 1000000, got \"one\" (string)"));
  }

  @Test
  void missingOrUnknownField_isInvalidInput() {
    assertThat(MockLambda.error("{\"iterations\": 5}"))
        .isEqualTo(
            errorJson(
                "InvalidInput",
                "powerloop: field 'start' is missing; it must be a number from 0 to 1000000"));
  }
}
