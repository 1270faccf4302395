package dev.fanout.localcloud.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The DynamoDB operations fanout's ledger and its tests use, on tables held in memory: CreateTable,
 * DescribeTable, DeleteTable, ListTables, GetItem, PutItem, UpdateItem, DeleteItem, BatchGetItem,
 * BatchWriteItem, Scan and TransactWriteItems. Every operation runs alone (one lock), so every read
 * is consistent and every transaction serializable. Transactions are all-or-nothing, report
 * per-item cancellation reasons, and honour ClientRequestToken as DynamoDB does.
 */
final class DynamoApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Table> tables = new LinkedHashMap<>();
  private final Set<String> tokens = new HashSet<>();
  private final int conflictEvery;
  private final WriteLog log;
  private long transactions;
  private boolean replaying;

  /**
   * @param conflictEvery cancel every Nth TransactWriteItems with TransactionConflict, as DynamoDB
   *     does under contention (0: never)
   * @param log where each write that succeeded goes before it is answered; null to keep the tables
   *     in memory only
   */
  DynamoApi(int conflictEvery, WriteLog log) {
    this.conflictEvery = conflictEvery;
    this.log = log;
  }

  synchronized ObjectNode call(String operation, JsonNode request) {
    ObjectNode response = dispatch(operation, request);
    if (log != null && WriteLog.WRITES.contains(operation)) {
      log.append(operation, request);
    }
    return response;
  }

  /**
   * Applies the writes a previous process logged, in order, as they were applied then: no
   * transaction is cancelled for a conflict this time.
   *
   * @throws IllegalArgumentException when one no longer applies: the log is not this API's
   */
  synchronized void replay(List<WriteLog.Write> writes) {
    replaying = true;
    try {
      for (WriteLog.Write write : writes) {
        try {
          dispatch(write.operation(), write.request());
        } catch (ApiError e) {
          throw new IllegalArgumentException(
              "a logged " + write.operation() + " does not apply again: " + e.getMessage(), e);
        }
      }
    } finally {
      replaying = false;
    }
  }

  private ObjectNode dispatch(String operation, JsonNode request) {
    return switch (operation) {
      case "CreateTable" -> createTable(request);
      case "DescribeTable" -> describe(table(request));
      case "DeleteTable" -> deleteTable(request);
      case "ListTables" -> listTables();
      case "GetItem" -> getItem(request);
      case "PutItem" -> putItem(request);
      case "UpdateItem" -> updateItem(request);
      case "DeleteItem" -> deleteItem(request);
      case "BatchGetItem" -> batchGet(request);
      case "BatchWriteItem" -> batchWrite(request);
      case "Scan" -> scan(request);
      case "TransactWriteItems" -> transactWrite(request);
      default ->
          throw new ApiError(
              "UnknownOperationException",
              "fanout's local DynamoDB does not implement " + operation,
              400,
              null);
    };
  }

  private ObjectNode createTable(JsonNode request) {
    String name = text(request, "TableName");
    DynamoLimits.checkTableName(name);
    if (tables.containsKey(name)) {
      throw new ApiError(
          "ResourceInUseException", "Cannot create preexisting table: " + name, 400, null);
    }
    String hash = null;
    String range = null;
    for (JsonNode element : request.path("KeySchema")) {
      if ("HASH".equals(element.path("KeyType").asText())) {
        hash = element.path("AttributeName").asText();
      } else if ("RANGE".equals(element.path("KeyType").asText())) {
        range = element.path("AttributeName").asText();
      }
    }
    if (hash == null) {
      throw ApiError.validation("KeySchema must have a HASH key");
    }
    Table table =
        new Table(
            name,
            hash,
            range,
            request.get("KeySchema"),
            request.path("AttributeDefinitions"),
            Instant.now(),
            new LinkedHashMap<>());
    tables.put(name, table);
    ObjectNode response = JSON.createObjectNode();
    response.set("TableDescription", table.description());
    return response;
  }

  private static ObjectNode describe(Table table) {
    ObjectNode response = JSON.createObjectNode();
    response.set("Table", table.description());
    return response;
  }

  private ObjectNode deleteTable(JsonNode request) {
    Table table = table(request);
    tables.remove(table.name());
    ObjectNode response = JSON.createObjectNode();
    response.set("TableDescription", table.description());
    return response;
  }

  private ObjectNode listTables() {
    ObjectNode response = JSON.createObjectNode();
    ArrayNode names = response.putArray("TableNames");
    tables.keySet().forEach(names::add);
    return response;
  }

  private ObjectNode getItem(JsonNode request) {
    Table table = table(request);
    ObjectNode item = table.items().get(table.keyOf(request.path("Key")));
    ObjectNode response = JSON.createObjectNode();
    if (item != null) {
      response.set("Item", item.deepCopy());
    }
    return response;
  }

  private ObjectNode putItem(JsonNode request) {
    Table table = table(request);
    JsonNode item = object(request, "Item");
    DynamoLimits.checkItemSize(item, DynamoLimits.ITEM_TOO_LARGE);
    ObjectNode old = checked(table, table.keyOf(item), request);
    table.items().put(table.keyOf(item), ((ObjectNode) item).deepCopy());
    return returning(request, old);
  }

  private ObjectNode updateItem(JsonNode request) {
    Table table = table(request);
    JsonNode key = object(request, "Key");
    ObjectNode old = checked(table, table.keyOf(key), request);
    ObjectNode updated = updated(old, key, request);
    DynamoLimits.checkItemSize(updated, DynamoLimits.UPDATE_TOO_LARGE);
    table.items().put(table.keyOf(key), updated);
    String returnValues = request.path("ReturnValues").asText("NONE");
    ObjectNode response = JSON.createObjectNode();
    if (returnValues.equals("ALL_NEW") || returnValues.equals("UPDATED_NEW")) {
      response.set("Attributes", updated.deepCopy());
    } else if ((returnValues.equals("ALL_OLD") || returnValues.equals("UPDATED_OLD"))
        && old != null) {
      response.set("Attributes", old.deepCopy());
    }
    return response;
  }

  private ObjectNode deleteItem(JsonNode request) {
    Table table = table(request);
    String key = table.keyOf(object(request, "Key"));
    ObjectNode old = checked(table, key, request);
    table.items().remove(key);
    return returning(request, old);
  }

  private ObjectNode batchGet(JsonNode request) {
    ObjectNode response = JSON.createObjectNode();
    ObjectNode responses = response.putObject("Responses");
    request
        .path("RequestItems")
        .properties()
        .forEach(
            entry -> {
              Table table = table(entry.getKey());
              ArrayNode found = responses.putArray(entry.getKey());
              JsonNode keys = entry.getValue().path("Keys");
              if (keys.size() > 100) {
                throw ApiError.validation("Too many items requested for the BatchGetItem call");
              }
              for (JsonNode key : keys) {
                ObjectNode item = table.items().get(table.keyOf(key));
                if (item != null) {
                  found.add(item.deepCopy());
                }
              }
            });
    response.putObject("UnprocessedKeys");
    return response;
  }

  private ObjectNode batchWrite(JsonNode request) {
    // Checked whole before any write, as DynamoDB does: a refused batch changes nothing.
    for (Map.Entry<String, JsonNode> entry : request.path("RequestItems").properties()) {
      table(entry.getKey());
      if (entry.getValue().size() > 25) {
        throw ApiError.validation(
            "Too many items requested for the BatchWriteItem call: at most 25");
      }
      for (JsonNode write : entry.getValue()) {
        if (write.has("PutRequest")) {
          DynamoLimits.checkItemSize(
              write.path("PutRequest").path("Item"), DynamoLimits.ITEM_TOO_LARGE);
        }
      }
    }
    request
        .path("RequestItems")
        .properties()
        .forEach(
            entry -> {
              Table table = table(entry.getKey());
              for (JsonNode write : entry.getValue()) {
                if (write.has("PutRequest")) {
                  JsonNode item = write.path("PutRequest").path("Item");
                  table.items().put(table.keyOf(item), ((ObjectNode) item).deepCopy());
                } else if (write.has("DeleteRequest")) {
                  table.items().remove(table.keyOf(write.path("DeleteRequest").path("Key")));
                }
              }
            });
    ObjectNode response = JSON.createObjectNode();
    response.putObject("UnprocessedItems");
    return response;
  }

  /** Every item, in insertion order, in one page: enough for a table a test or a run fills. */
  private ObjectNode scan(JsonNode request) {
    Table table = table(request);
    ObjectNode response = JSON.createObjectNode();
    ArrayNode items = response.putArray("Items");
    table.items().values().forEach(item -> items.add(item.deepCopy()));
    response.put("Count", items.size()).put("ScannedCount", items.size());
    return response;
  }

  private ObjectNode transactWrite(JsonNode request) {
    JsonNode actions = request.path("TransactItems");
    if (actions.isEmpty() || actions.size() > 100) {
      throw ApiError.validation("TransactItems must hold 1 to 100 actions");
    }
    String token = request.path("ClientRequestToken").asText(null);
    if (token != null && tokens.contains(token)) {
      // DynamoDB answers a repeated token with success and applies nothing again.
      return JSON.createObjectNode();
    }
    transactions++;
    if (conflictEvery > 0 && !replaying && transactions % conflictEvery == 0) {
      ArrayNode reasons = JSON.createArrayNode();
      reasons
          .addObject()
          .put("Code", "TransactionConflict")
          .put("Message", "Transaction is ongoing for the item");
      for (int i = 1; i < actions.size(); i++) {
        reasons.addObject().put("Code", "None");
      }
      throw cancelled(reasons);
    }
    List<Runnable> writes = new ArrayList<>();
    Set<String> touched = new HashSet<>();
    ArrayNode reasons = JSON.createArrayNode();
    boolean anyFailed = false;
    for (JsonNode action : actions) {
      String kind = action.fieldNames().hasNext() ? action.fieldNames().next() : "";
      JsonNode body = action.path(kind);
      Table table = table(body);
      JsonNode keySource = kind.equals("Put") ? object(body, "Item") : object(body, "Key");
      if (kind.equals("Put")) {
        DynamoLimits.checkItemSize(keySource, DynamoLimits.ITEM_TOO_LARGE);
      }
      String key = table.keyOf(keySource);
      if (!touched.add(table.name() + "/" + key)) {
        throw ApiError.validation(
            "Transaction request cannot include multiple operations on one item");
      }
      ObjectNode old = table.items().get(key);
      boolean ok =
          Expression.holds(
              body.path("ConditionExpression").asText(null),
              body.get("ExpressionAttributeNames"),
              body.get("ExpressionAttributeValues"),
              old);
      if (!ok) {
        anyFailed = true;
        ObjectNode reason =
            reasons
                .addObject()
                .put("Code", "ConditionalCheckFailed")
                .put("Message", "The conditional request failed");
        if ("ALL_OLD".equals(body.path("ReturnValuesOnConditionCheckFailure").asText())
            && old != null) {
          reason.set("Item", old.deepCopy());
        }
        continue;
      }
      ObjectNode updated = kind.equals("Update") ? updated(old, body.get("Key"), body) : null;
      if (updated != null && DynamoLimits.tooLarge(updated)) {
        // Found while applying, not in the request: DynamoDB cancels with a reason.
        anyFailed = true;
        reasons
            .addObject()
            .put("Code", "ValidationError")
            .put("Message", DynamoLimits.UPDATE_TOO_LARGE);
        continue;
      }
      reasons.addObject().put("Code", "None");
      switch (kind) {
        case "Put" ->
            writes.add(() -> table.items().put(key, ((ObjectNode) body.get("Item")).deepCopy()));
        case "Update" -> writes.add(() -> table.items().put(key, updated));
        case "Delete" -> writes.add(() -> table.items().remove(key));
        case "ConditionCheck" -> {}
        default -> throw ApiError.validation("Unknown transaction action " + kind);
      }
    }
    if (anyFailed) {
      throw cancelled(reasons);
    }
    writes.forEach(Runnable::run);
    if (token != null) {
      tokens.add(token);
    }
    return JSON.createObjectNode();
  }

  private static ApiError cancelled(ArrayNode reasons) {
    List<String> codes = new ArrayList<>();
    reasons.forEach(reason -> codes.add(reason.path("Code").asText()));
    ObjectNode extra = JSON.createObjectNode();
    extra.set("CancellationReasons", reasons);
    return new ApiError(
        "TransactionCanceledException",
        "Transaction cancelled, please refer cancellation reasons for specific reasons " + codes,
        400,
        extra);
  }

  /** The item under {@code key} after checking the request's condition against it. */
  private static ObjectNode checked(Table table, String key, JsonNode request) {
    ObjectNode old = table.items().get(key);
    if (!Expression.holds(
        request.path("ConditionExpression").asText(null),
        request.get("ExpressionAttributeNames"),
        request.get("ExpressionAttributeValues"),
        old)) {
      throw ApiError.conditionFailed();
    }
    return old;
  }

  private static ObjectNode updated(ObjectNode old, JsonNode key, JsonNode request) {
    ObjectNode item = old == null ? ((ObjectNode) key).deepCopy() : old.deepCopy();
    String expression = request.path("UpdateExpression").asText(null);
    if (expression != null && !expression.isBlank()) {
      Expression.update(
          expression,
          request.get("ExpressionAttributeNames"),
          request.get("ExpressionAttributeValues"),
          item);
    }
    return item;
  }

  private static ObjectNode returning(JsonNode request, ObjectNode old) {
    ObjectNode response = JSON.createObjectNode();
    if ("ALL_OLD".equals(request.path("ReturnValues").asText()) && old != null) {
      response.set("Attributes", old.deepCopy());
    }
    return response;
  }

  private Table table(JsonNode request) {
    return table(text(request, "TableName"));
  }

  private Table table(String name) {
    DynamoLimits.checkTableName(name);
    Table table = tables.get(name);
    if (table == null) {
      throw ApiError.notFound(name);
    }
    return table;
  }

  private static String text(JsonNode request, String field) {
    JsonNode node = request.get(field);
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw ApiError.validation("1 validation error detected: " + field + " must not be null");
    }
    return node.asText();
  }

  private static JsonNode object(JsonNode request, String field) {
    JsonNode node = request.get(field);
    if (node == null || !node.isObject()) {
      throw ApiError.validation("1 validation error detected: " + field + " must not be null");
    }
    return node;
  }
}
