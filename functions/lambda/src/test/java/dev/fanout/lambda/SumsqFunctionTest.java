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
@TestProfile(SumsqFunctionTest.Sumsq.class)
class SumsqFunctionTest {
  public static class Sumsq implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.lambda.handler", "sumsq");
    }
  }

  @Test
  void sumsq_answersWithTheUnitsOutput() {
    assertThat(MockLambda.result("{\"n\": 1000}"))
        .isEqualTo(json("{\"n\":1000,\"sum\":\"332833500\"}"));
  }

  @Test
  void outOfRange_isInvalidInputNamingFieldAndRange() {
    assertThat(MockLambda.error("{\"n\": 200000001}"))
        .isEqualTo(
            errorJson(
                "InvalidInput",
                "sumsq: field 'n' must be an integer from 0 to 200000000, got 200000001 (number)"));
  }

  @Test
  void wrongType_isInvalidInput() {
    assertThat(MockLambda.error("{\"n\": true}"))
        .isEqualTo(
            errorJson(
                "InvalidInput",
                "sumsq: field 'n' must be an integer from 0 to 200000000, got true (boolean)"));
  }

  @Test
  void missingOrUnknownField_isInvalidInput() {
    assertThat(MockLambda.error("{}"))
        .isEqualTo(
            errorJson(
                "InvalidInput",
                "sumsq: field 'n' is missing; it must be an integer from 0 to 200000000"));
  }
}
