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
@TestProfile(WashFunctionTest.Wash.class)
class WashFunctionTest {
  public static class Wash implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.lambda.handler", "wash");
    }
  }

  @Test
  void wash_answersWithTheBowlsChecksum() {
    assertThat(MockLambda.result("{\"bowl\": 0}"))
        .isEqualTo(json("{\"bowl\":0,\"passes\":2700,\"checksum\":\"0282fc554f30bfea\"}"));
    assertThat(MockLambda.result("{\"bowl\": 1, \"passes\": 100}"))
        .isEqualTo(json("{\"bowl\":1,\"passes\":100,\"checksum\":\"3aeecb4a5cb62252\"}"));
  }

  @Test
  void missingBowl_isInvalidInput() {
    assertThat(MockLambda.error("{}"))
        .isEqualTo(
            errorJson(
                "InvalidInput",
                "wash: field 'bowl' is missing; it must be an integer from 0 to 1000000000"));
  }
}
