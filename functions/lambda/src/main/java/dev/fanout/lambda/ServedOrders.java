package dev.fanout.lambda;

import dev.fanout.units.LedgerException;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The burger bar's record of served orders, in the ledger table: one item per order ({@code
 * served#N}), written only if it is not there yet. SQS delivers at least once, so an order can
 * reach the last stage twice; the first write serves it, a second finds the record and serves
 * nothing.
 */
final class ServedOrders {
  /** Served records expire (the table's TTL attribute) after a day: they are a run's, not kept. */
  static final Duration KEPT = Duration.ofDays(1);

  static final String PREFIX = "served#";

  private final DynamoDbClient dynamo;
  private final String table;

  ServedOrders(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /**
   * Records {@code order} as served with {@code burger}.
   *
   * @return true when this call served it; false when it had been served already
   * @throws LedgerException when the table cannot be written
   */
  boolean serve(int order, String burger, long servedEpochMillis) {
    try {
      dynamo.putItem(
          b ->
              b.tableName(table)
                  .item(
                      Map.of(
                          "id", AttributeValue.fromS(PREFIX + order),
                          "burger", AttributeValue.fromS(burger),
                          "servedAt", AttributeValue.fromN(Long.toString(servedEpochMillis)),
                          "expiresAt",
                              AttributeValue.fromN(
                                  Long.toString((servedEpochMillis + KEPT.toMillis()) / 1000))))
                  .conditionExpression("attribute_not_exists(id)"));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    } catch (SdkException e) {
      throw new LedgerException(
          "cannot record order " + order + " as served in " + table + ": " + e.getMessage(), e);
    }
  }

  void close() {
    dynamo.close();
  }
}
