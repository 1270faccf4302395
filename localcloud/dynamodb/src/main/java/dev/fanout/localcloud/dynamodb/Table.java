package dev.fanout.localcloud.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/** A table of {@link DynamoApi}: its key attributes and its items by key. */
record Table(
    String name,
    String hashKey,
    String rangeKey,
    JsonNode keySchema,
    JsonNode attributeDefinitions,
    Instant created,
    Map<String, ObjectNode> items) {
  private static final ObjectMapper JSON = new ObjectMapper();

  String keyOf(JsonNode item) {
    JsonNode hash = item.get(hashKey);
    if (hash == null) {
      throw ApiError.validation(
          "One of the required keys was not given a value: missing key " + hashKey);
    }
    String key = hash.toString();
    if (rangeKey != null) {
      JsonNode range = item.get(rangeKey);
      if (range == null) {
        throw ApiError.validation(
            "One of the required keys was not given a value: missing key " + rangeKey);
      }
      key += "|" + range;
    }
    return key;
  }

  ObjectNode description() {
    ObjectNode table = JSON.createObjectNode();
    table.put("TableName", name).put("TableStatus", "ACTIVE");
    table.set("KeySchema", keySchema);
    table.set("AttributeDefinitions", attributeDefinitions);
    table.put("ItemCount", items.size());
    table.put("TableArn", "arn:aws:dynamodb:local:000000000000:table/" + name);
    table.put("CreationDateTime", created.getEpochSecond());
    table.putObject("BillingModeSummary").put("BillingMode", "PAY_PER_REQUEST");
    return table;
  }
}
