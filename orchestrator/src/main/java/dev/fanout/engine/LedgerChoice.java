package dev.fanout.engine;

import java.net.URI;
import java.nio.file.Path;

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
 * @param localData where fanout's local DynamoDB keeps its tables, so that a resumed run finds
 *     them; null to keep them in memory only
 */
public record LedgerChoice(
    boolean dynamoDb,
    boolean safe,
    String table,
    URI endpoint,
    boolean aws,
    String region,
    int conflictEvery,
    Path localData) {

  public LedgerChoice {
    if (dynamoDb && (table == null || table.isBlank())) {
      throw new IllegalArgumentException("a DynamoDB ledger needs a table name");
    }
    if (!dynamoDb
        && (table != null
            || endpoint != null
            || aws
            || region != null
            || conflictEvery > 0
            || localData != null)) {
      throw new IllegalArgumentException(
          "an in-memory ledger has no table, endpoint, AWS, region or data file");
    }
    if (localData != null && (endpoint != null || aws)) {
      throw new IllegalArgumentException(
          "a data file is for fanout's local DynamoDB, not an endpoint's or AWS's");
    }
  }

  public static LedgerChoice memory(boolean safe) {
    return new LedgerChoice(false, safe, null, null, false, null, 0, null);
  }

  /**
   * @param localData where fanout's local DynamoDB keeps its tables; null for memory only, and
   *     always null with an endpoint or AWS
   */
  public static LedgerChoice dynamoDb(
      String table, URI endpoint, boolean aws, String region, int conflictEvery, Path localData) {
    return new LedgerChoice(true, true, table, endpoint, aws, region, conflictEvery, localData);
  }

  /** How reports name it: memory or dynamodb. */
  public String label() {
    return dynamoDb ? "dynamodb" : "memory";
  }
}
