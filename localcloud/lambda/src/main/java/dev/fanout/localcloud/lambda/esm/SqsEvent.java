package dev.fanout.localcloud.lambda.esm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The event an SQS event source hands a function: {@code {"Records": [...]}}, one record per
 * message in Lambda's shape (what {@code aws-lambda-java-events}' SQSEvent reads), with the
 * message's system attributes, its message attributes, and where it came from.
 */
public final class SqsEvent {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SqsEvent() {}

  public static byte[] of(List<Message> messages, String queueArn, String region) {
    ObjectNode event = JSON.createObjectNode();
    ArrayNode records = event.putArray("Records");
    for (Message message : messages) {
      ObjectNode record = records.addObject();
      record.put("messageId", message.messageId());
      record.put("receiptHandle", message.receiptHandle());
      record.put("body", message.body());
      ObjectNode attributes = record.putObject("attributes");
      for (Map.Entry<MessageSystemAttributeName, String> attribute :
          message.attributes().entrySet()) {
        attributes.put(attribute.getKey().toString(), attribute.getValue());
      }
      ObjectNode messageAttributes = record.putObject("messageAttributes");
      message
          .messageAttributes()
          .forEach((name, value) -> attribute(messageAttributes, name, value));
      if (message.md5OfMessageAttributes() != null) {
        record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
      }
      record.put("md5OfBody", message.md5OfBody());
      record.put("eventSource", "aws:sqs");
      record.put("eventSourceARN", queueArn);
      record.put("awsRegion", region);
    }
    try {
      return JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an SQS event", e);
    }
  }

  private static void attribute(ObjectNode into, String name, MessageAttributeValue value) {
    ObjectNode attribute = into.putObject(name);
    if (value.stringValue() != null) {
      attribute.put("stringValue", value.stringValue());
    }
    if (value.binaryValue() != null) {
      attribute.put(
          "binaryValue", Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
    }
    attribute.putArray("stringListValues");
    attribute.putArray("binaryListValues");
    attribute.put("dataType", value.dataType());
  }
}
