package dev.fanout.plan;

import dev.fanout.units.aws.AwsTarget;
import java.net.URI;
import java.util.Locale;

/**
 * Which ledger the {@code transfer} unit runs against in a JVM, handed to worker JVMs with the rest
 * of {@link UnitSettings}.
 *
 * @param table the DynamoDB table; null for the in-memory ledgers
 * @param endpoint a DynamoDB-compatible endpoint; null for AWS itself (and for memory)
 * @param region the region the table's requests are signed for; null for memory
 */
public record LedgerSettings(Kind kind, String table, URI endpoint, String region) {

  /** The ledgers there are. */
  public enum Kind {
    /** In memory, read-pause-write with nothing to exclude other transfers: the articles' race. */
    UNSAFE,
    /** In memory, the same under one lock. */
    LOCKED,
    /** A DynamoDB table, one transaction per transfer: shared by processes and Lambda. */
    DYNAMODB;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind of(String label) {
      for (Kind kind : values()) {
        if (kind.label().equals(label)) {
          return kind;
        }
      }
      throw new IllegalArgumentException(
          "no ledger kind '" + label + "'; the kinds are unsafe, locked, dynamodb");
    }
  }

  public LedgerSettings {
    if (kind == Kind.DYNAMODB && (table == null || table.isBlank())) {
      throw new IllegalArgumentException("a DynamoDB ledger needs a table name");
    }
    if (kind == Kind.DYNAMODB && (region == null || region.isBlank())) {
      throw new IllegalArgumentException("a DynamoDB ledger needs a region, e.g. us-east-1");
    }
    if (kind != Kind.DYNAMODB && (table != null || endpoint != null || region != null)) {
      throw new IllegalArgumentException(
          "an in-memory ledger has no table, no endpoint and no region");
    }
  }

  public static LedgerSettings memory(boolean safe) {
    return new LedgerSettings(safe ? Kind.LOCKED : Kind.UNSAFE, null, null, null);
  }

  public static LedgerSettings dynamoDb(String table, URI endpoint, String region) {
    return new LedgerSettings(Kind.DYNAMODB, table, endpoint, region);
  }

  /** Where the table's client goes and how it signs: the endpoint, or AWS. */
  public AwsTarget target() {
    if (inMemory()) {
      throw new IllegalStateException("an in-memory ledger has no AWS target");
    }
    return AwsTarget.of(endpoint, region);
  }

  /** Whether the ledger lives in one JVM's memory, so that other processes cannot share it. */
  public boolean inMemory() {
    return kind != Kind.DYNAMODB;
  }
}
