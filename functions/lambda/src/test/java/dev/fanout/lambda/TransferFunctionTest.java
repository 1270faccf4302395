package dev.fanout.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The transfer function's errors through the Runtime API. Its DynamoDB transactions run against a
 * real endpoint in the orchestrator's integration tests (the lambda strategy's bank runs).
 */
@QuarkusTest
@TestProfile(TransferFunctionTest.Transfer.class)
class TransferFunctionTest {
  public static class Transfer implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.lambda.handler", "transfer");
    }
  }

  @Test
  void withoutALedgerTable_isLedgerFailedSayingWhatToSet() {
    var error =
        MockLambda.error(
            "{\"from\": \"bank_1\", \"to\": \"bank_2\", \"amount\": 20, \"transferId\": \"t-1\"}");

    assertThat(error.get("errorType").asText()).isEqualTo("LedgerFailed");
    assertThat(error.get("errorMessage").asText()).contains("FANOUT_LEDGER_TABLE");
  }

  @Test
  void sameAccountTwice_isInvalidInput_beforeAnyLedgerIsBuilt() {
    var error =
        MockLambda.error(
            "{\"from\": \"bank_1\", \"to\": \"bank_1\", \"amount\": 20, \"transferId\": \"t-1\"}");

    assertThat(error.get("errorType").asText()).isEqualTo("InvalidInput");
    assertThat(error.get("errorMessage").asText()).contains("two different accounts");
  }
}
