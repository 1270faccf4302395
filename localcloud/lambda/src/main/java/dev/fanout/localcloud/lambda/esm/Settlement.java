package dev.fanout.localcloud.lambda.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What becomes of a batch's messages after its invocation, as AWS's SQS event source decides: the
 * deleted ones are done; the returned ones are left in the queue to be received again once their
 * visibility timeout ends (and dead-lettered by the queue's redrive policy after maxReceiveCount).
 *
 * @param deleted message ids to delete
 * @param returned message ids left to come back
 * @param reason why any came back, empty when none did
 */
public record Settlement(List<String> deleted, List<String> returned, String reason) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public Settlement {
    deleted = List.copyOf(deleted);
    returned = List.copyOf(returned);
  }

  /**
   * The settlement of a batch of {@code messageIds} whose invocation ended with {@code result}.
   *
   * <ul>
   *   <li>A function error (thrown, timed out, crashed): the whole batch comes back.
   *   <li>Success without ReportBatchItemFailures: the whole batch is deleted, whatever the
   *       function answered.
   *   <li>Success with it: the ids in {@code batchItemFailures} come back, the others are deleted;
   *       an answer with no failures (null, empty, {@code {}}) deletes all. An answer AWS cannot
   *       read as one (not JSON, a failure with no id or an id not in the batch) fails the whole
   *       batch, as AWS does.
   * </ul>
   */
  public static Settlement of(
      List<String> messageIds, boolean functionError, byte[] payload, boolean reportFailures) {
    if (functionError) {
      return allReturned(messageIds, "the function failed");
    }
    if (!reportFailures) {
      return new Settlement(messageIds, List.of(), "");
    }
    Set<String> failed;
    try {
      failed = batchItemFailures(payload, messageIds);
    } catch (IllegalArgumentException e) {
      return allReturned(messageIds, e.getMessage());
    }
    List<String> deleted = new ArrayList<>();
    List<String> returned = new ArrayList<>();
    for (String id : messageIds) {
      (failed.contains(id) ? returned : deleted).add(id);
    }
    return new Settlement(
        deleted, returned, returned.isEmpty() ? "" : "the function reported them failed");
  }

  /** A batch never handed to the function (throttled until its visibility ran out, stopping). */
  public static Settlement allReturned(List<String> messageIds, String reason) {
    return new Settlement(List.of(), messageIds, reason);
  }

  private static Set<String> batchItemFailures(byte[] payload, List<String> batch) {
    if (payload == null || payload.length == 0) {
      return Set.of();
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(payload);
    } catch (IOException e) {
      throw new IllegalArgumentException("the function's answer is not JSON");
    }
    if (answer == null || answer.isNull() || answer.isEmpty()) {
      return Set.of();
    }
    JsonNode failures = answer.get("batchItemFailures");
    if (failures == null || failures.isNull()) {
      return Set.of();
    }
    if (!failures.isArray()) {
      throw new IllegalArgumentException("batchItemFailures is not a list");
    }
    Set<String> ids = new LinkedHashSet<>();
    for (JsonNode failure : failures) {
      JsonNode id = failure.get("itemIdentifier");
      if (id == null || !id.isTextual() || id.asText().isEmpty() || !batch.contains(id.asText())) {
        throw new IllegalArgumentException(
            "batchItemFailures holds " + failure + ", which names no message of the batch");
      }
      ids.add(id.asText());
    }
    return ids;
  }
}
