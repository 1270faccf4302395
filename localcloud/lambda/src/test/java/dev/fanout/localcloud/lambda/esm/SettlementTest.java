package dev.fanout.localcloud.lambda.esm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What becomes of a batch's messages, one test per way an invocation can end. */
class SettlementTest {
  private static final List<String> BATCH = List.of("m1", "m2", "m3");

  @Test
  void aFunctionError_returnsTheWholeBatch_withOrWithoutReportBatchItemFailures() {
    for (boolean report : new boolean[] {false, true}) {
      Settlement settlement = Settlement.of(BATCH, true, bytes("{\"errorType\":\"X\"}"), report);
      assertThat(settlement.deleted()).isEmpty();
      assertThat(settlement.returned()).containsExactlyElementsOf(BATCH);
      assertThat(settlement.reason()).contains("failed");
    }
  }

  @Test
  void successWithoutReportBatchItemFailures_deletesAll_evenWhenTheAnswerNamesFailures() {
    Settlement settlement =
        Settlement.of(
            BATCH, false, bytes("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"}]}"), false);
    assertThat(settlement.deleted()).containsExactlyElementsOf(BATCH);
    assertThat(settlement.returned()).isEmpty();
  }

  @Test
  void reportedItemFailures_returnOnlyThoseMessages() {
    Settlement settlement =
        Settlement.of(
            BATCH,
            false,
            bytes(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"m3\"},{\"itemIdentifier\":\"m1\"}]}"),
            true);
    assertThat(settlement.deleted()).containsExactly("m2");
    assertThat(settlement.returned()).containsExactly("m1", "m3");
  }

  @Test
  void anAnswerWithNoFailures_deletesAll() {
    for (String answer :
        new String[] {
          "", "null", "{}", "{\"batchItemFailures\":[]}", "{\"batchItemFailures\":null}"
        }) {
      Settlement settlement = Settlement.of(BATCH, false, bytes(answer), true);
      assertThat(settlement.deleted()).as(answer).containsExactlyElementsOf(BATCH);
      assertThat(settlement.returned()).as(answer).isEmpty();
    }
  }

  @Test
  void anAnswerAwsCannotRead_failsTheWholeBatch() {
    for (String answer :
        new String[] {
          "not json",
          "{\"batchItemFailures\":\"m1\"}",
          "{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}",
          "{\"batchItemFailures\":[{}]}",
          "{\"batchItemFailures\":[{\"itemIdentifier\":\"not-in-batch\"}]}"
        }) {
      Settlement settlement = Settlement.of(BATCH, false, bytes(answer), true);
      assertThat(settlement.deleted()).as(answer).isEmpty();
      assertThat(settlement.returned()).as(answer).containsExactlyElementsOf(BATCH);
    }
  }

  @Test
  void aBatchNeverTaken_returnsWhole_withItsReason() {
    Settlement settlement = Settlement.allReturned(BATCH, "throttled");
    assertThat(settlement.deleted()).isEmpty();
    assertThat(settlement.returned()).containsExactlyElementsOf(BATCH);
    assertThat(settlement.reason()).isEqualTo("throttled");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
