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
@TestProfile(SaladFunctionTest.Salad.class)
class SaladFunctionTest {
  public static class Salad implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.lambda.handler", "salad");
    }
  }

  @Test
  void salad_answersWithTheBowlsChecksum_atTheDefaultPasses() {
    assertThat(MockLambda.result("{\"order\": 1, \"bowl\": 0}"))
        .isEqualTo(
            json("{\"order\":1,\"bowl\":0,\"passes\":8000,\"checksum\":\"70705cb1b7a5b5a5\"}"));
  }

  @Test
  void salad_takesItsPasses() {
    assertThat(MockLambda.result("{\"order\": 2, \"bowl\": 1, \"passes\": 100}"))
        .isEqualTo(
            json("{\"order\":2,\"bowl\":1,\"passes\":100,\"checksum\":\"0afdcb33896ff74d\"}"));
  }

  @Test
  void outOfRange_isInvalidInputNamingFieldAndRange() {
    assertThat(MockLambda.error("{\"order\": 1, \"bowl\": 0, \"passes\": 0}"))
        .isEqualTo(
            errorJson(
                "InvalidInput",
                "salad: field 'passes' must be an integer from 1 to 800000, got 0 (number)"));
  }
}
