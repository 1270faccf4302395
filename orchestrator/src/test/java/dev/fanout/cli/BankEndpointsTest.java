package dev.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.strategy.kind.StrategyKind;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** bank's endpoints from its options, new spellings and old. */
class BankEndpointsTest {
  private static final URI D = URI.create("http://127.0.0.1:8000");
  private static final URI L = URI.create("http://127.0.0.1:3001");

  @Test
  void newSpellings_meanWhatTheySay_withNoDeprecation() {
    BankEndpoints endpoints = BankEndpoints.resolve(StrategyKind.LAMBDA, true, D, L, null, false);

    assertThat(endpoints).isEqualTo(new BankEndpoints(D, L, null));
  }

  @Test
  void endpoint_onALambdaRun_isTheLambdaEndpoint() {
    assertThat(BankEndpoints.resolve(StrategyKind.LAMBDA, true, null, L, null, false))
        .isEqualTo(new BankEndpoints(null, L, null));
  }

  @Test
  void endpoint_onADynamoDbRunThatInvokesNoLambda_isTheDynamoDbEndpointAsBefore() {
    BankEndpoints endpoints =
        BankEndpoints.resolve(StrategyKind.PROCESSES, true, null, D, null, false);

    assertThat(endpoints.dynamoDb()).isEqualTo(D);
    assertThat(endpoints.lambda()).isNull();
    assertThat(endpoints.deprecation())
        .contains("--strategy processes invokes no Lambda")
        .contains(D.toString())
        .contains("--dynamodb-endpoint");
  }

  @Test
  void endpoint_besideDynamoDbEndpoint_orOnAMemoryLedger_isLeftAsTheLambdaEndpoint() {
    assertThat(BankEndpoints.resolve(StrategyKind.THREADS, true, D, L, null, false))
        .isEqualTo(new BankEndpoints(D, L, null));
    assertThat(BankEndpoints.resolve(StrategyKind.THREADS, false, null, L, null, false))
        .isEqualTo(new BankEndpoints(null, L, null));
  }

  @Test
  void lambdaEndpoint_isTheOldNameOfEndpoint() {
    BankEndpoints endpoints =
        BankEndpoints.resolve(StrategyKind.LAMBDA, true, null, null, L, false);

    assertThat(endpoints.dynamoDb()).isNull();
    assertThat(endpoints.lambda()).isEqualTo(L);
    assertThat(endpoints.deprecation()).contains("--lambda-endpoint is now --endpoint");
  }

  @Test
  void bothOldSpellings_keepTheirOldMeanings_inOneDeprecationLine() {
    BankEndpoints endpoints = BankEndpoints.resolve(StrategyKind.LAMBDA, true, null, D, L, false);

    assertThat(endpoints.dynamoDb()).isEqualTo(D);
    assertThat(endpoints.lambda()).isEqualTo(L);
    assertThat(endpoints.deprecation())
        .doesNotContain("\n")
        .contains("--dynamodb-endpoint URL --endpoint URL");
  }

  @Test
  void lambdaEndpoint_withAws_orWithBothNewSpellings_isBadUsage() {
    assertThatThrownBy(() -> BankEndpoints.resolve(StrategyKind.LAMBDA, true, null, null, L, true))
        .hasMessageContaining("--lambda-endpoint and --aws exclude each other");
    assertThatThrownBy(() -> BankEndpoints.resolve(StrategyKind.LAMBDA, true, D, L, L, false))
        .hasMessageContaining("--lambda-endpoint is the old name of --endpoint");
  }
}
