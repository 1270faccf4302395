package dev.fanout.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.InvalidInputException;
import dev.fanout.api.UnitException;
import dev.fanout.api.UnitJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A stage of a pipeline on Lambda, fed by an SQS queue through an event source mapping: each
 * record's body is one item; what the stage makes of it goes on to the next stage's queue when
 * there is one. A record that fails is named in the answer's {@code batchItemFailures} (for a
 * mapping with ReportBatchItemFailures), so that only it comes back; a batch in which every record
 * failed fails as a whole with the first record's error, so that it shows as the function's error
 * (and comes back under a mapping without ReportBatchItemFailures too).
 */
abstract class QueueStageHandler implements RequestStreamHandler {
  private final String stage;
  private final Duration deadlineMargin;
  private final Optional<NextQueue> next;

  QueueStageHandler(String stage, Duration deadlineMargin, Optional<NextQueue> next) {
    this.stage = stage;
    this.deadlineMargin = deadlineMargin;
    this.next = next;
  }

  /**
   * Handles one item.
   *
   * @return what goes on to the next queue, or empty when nothing does
   * @throws UnitException when the item cannot be handled: it comes back to be tried again
   */
  abstract Optional<JsonNode> handle(JsonNode item, Deadline deadline, Context context);

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    JsonNode records = records(input);
    ObjectNode answer = UnitJson.mapper().createObjectNode();
    ArrayNode failures = answer.putArray("batchItemFailures");
    RuntimeException first = null;
    for (JsonNode record : records) {
      String id = record.path("messageId").asText();
      try {
        JsonNode item = UnitJson.parse(stage, record.path("body").asText());
        Optional<JsonNode> made =
            handle(item, LambdaDeadline.of(context, deadlineMargin, System::nanoTime), context);
        if (made.isPresent() && next.isPresent()) {
          next.get().send(UnitJson.mapper().writeValueAsString(made.get()));
        }
      } catch (UnitException failure) {
        first = first == null ? LambdaErrors.typed(failure) : first;
        failures.addObject().put("itemIdentifier", id);
        context.getLogger().log("message " + id + " failed: " + failure.getMessage() + "\n");
      } catch (SdkException failure) {
        // Not sent on: the item comes back and is handled again, which the next stage must bear.
        first = first == null ? failure : first;
        failures.addObject().put("itemIdentifier", id);
        context.getLogger().log("message " + id + " not sent on: " + failure.getMessage() + "\n");
      }
    }
    if (first != null && failures.size() == records.size()) {
      throw first;
    }
    output.write(UnitJson.mapper().writeValueAsBytes(answer));
  }

  private static String abbreviated(String text) {
    return text.length() <= 120 ? text : text.substring(0, 120) + "...";
  }

  private JsonNode records(InputStream input) throws IOException {
    JsonNode event;
    try {
      event = UnitJson.mapper().readTree(input);
    } catch (IOException e) {
      throw LambdaErrors.typed(
          new InvalidInputException("", stage + ": the event is not JSON: " + e.getMessage()));
    }
    JsonNode records = event == null ? null : event.get("Records");
    if (records == null || !records.isArray()) {
      throw LambdaErrors.typed(
          new InvalidInputException(
              "Records",
              stage
                  + " is fed by its queue: its event is an SQS event with a Records list, got "
                  + abbreviated(String.valueOf(event))));
    }
    return records;
  }
}
