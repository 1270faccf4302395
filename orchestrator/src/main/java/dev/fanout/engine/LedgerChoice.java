package dev.fanout.engine;

import java.net.URI;

/**
 * Where {@code transfer} keeps the balances, as the user chose it.
 *
 * @param dynamoDb a DynamoDB table (shared by worker JVMs and Lambda instances); else this JVM's
 *     memory
 * @param safe for memory: under a lock, else the articles' race (DynamoDB is always safe)
 * @param table the DynamoDB table; null for memory
 * @param endpoint a DynamoDB endpoint of the user's own; null for fanout's local one, or AWS
 * @param aws the table is on AWS
 * @param region the region to sign for; null for the default region chain's on AWS, or us-east-1 at
 *     an endpoint
 * @param conflictEvery fanout's local DynamoDB cancels every Nth transaction; 0 for never
 */
public record LedgerChoice(
    boolean dynamoDb,
    boolean safe,
    String table,
    URI endpoint,
    boolean aws,
    String region,
    int conflictEvery) {

  public LedgerChoice {
    if (dynamoDb && (table == null || table.isBlank())) {
      throw new IllegalArgumentException("a DynamoDB ledger needs a table name");
    }
    if (!dynamoDb
        && (table != null || endpoint != null || aws || region != null || conflictEvery > 0)) {
      throw new IllegalArgumentException(
          "an in-memory ledger has no table, endpoint, AWS or region");
    }
  }

  public static LedgerChoice memory(boolean safe) {
    return new LedgerChoice(false, safe, null, null, false, null, 0);
  }

  public static LedgerChoice dynamoDb(
      String table, URI endpoint, boolean aws, String region, int conflictEvery) {
    return new LedgerChoice(true, true, table, endpoint, aws, region, conflictEvery);
  }

  /** How reports name it: memory or dynamodb. */
  public String label() {
    return dynamoDb ? "dynamodb" : "memory";
  }
}
