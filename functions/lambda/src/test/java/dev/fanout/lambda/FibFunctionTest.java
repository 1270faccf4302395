package dev.fanout.lambda;

import static dev.fanout.lambda.MockLambda.errorJson;
import static dev.fanout.lambda.MockLambda.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(FibFunctionTest.Fib.class)
class FibFunctionTest {
  public static class Fib implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.lambda.handler", "fib");
    }
  }

  @Test
  void fib_answersWithTheUnitsOutput() {
    assertThat(MockLambda.result("{\"n\": 30}")).isEqualTo(json("{\"n\":30,\"value\":514229}"));
  }

  @Test
  void outOfRange_isInvalidInputNamingFieldAndRange() {
    assertThat(MockLambda.error("{\"n\": 43}"))
        .isEqualTo(
            errorJson(
                "InvalidInput", "fib: field 'n' must be an integer from 1 to 42, got 43 (number)"));
  }

  @Test
  void wrongType_isInvalidInput() {
    assertThat(MockLambda.error("{\"n\": \"thirty\"}"))
        .isEqualTo(
            errorJson(
                "InvalidInput",
                "fib: field 'n' must be an integer from 1 to 42, got \"thirty\" (string)"));
  }

  @Test
  void missingField_isInvalidInput() {
    assertThat(MockLambda.error("{}"))
        .isEqualTo(
            errorJson(
                "InvalidInput", "fib: field 'n' is missing; it must be an integer from 1 to 42"));
  }

  @Test
  void malformedJson_isInvalidInput_notAParserStackTrace() {
    JsonNode error = MockLambda.error("{\"n\": 30");

    assertThat(error.get("errorType").textValue()).isEqualTo("InvalidInput");
    assertThat(error.get("errorMessage").textValue()).startsWith("fib: input is not valid JSON (");
  }
}
