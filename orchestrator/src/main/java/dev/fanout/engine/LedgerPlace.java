package dev.fanout.engine;

import dev.fanout.localcloud.dynamodb.LocalDynamoDb;
import dev.fanout.plan.LedgerSettings;
import dev.fanout.units.aws.AwsTarget;
import dev.fanout.units.ledger.dynamodb.DynamoDbLedger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Where the balances live during a run: this JVM's memory, or a DynamoDB table on fanout's local
 * DynamoDB (started here, stopped on close), on an endpoint of the user's own, or on AWS. The table
 * is created where it is missing, except on AWS, where the deployed stack owns it.
 */
final class LedgerPlace implements AutoCloseable {
  private final LocalDynamoDb local;
  private final LedgerSettings settings;
  private final String description;

  private LedgerPlace(LocalDynamoDb local, LedgerSettings settings, String description) {
    this.local = local;
    this.settings = settings;
    this.description = description;
  }

  static LedgerPlace open(LedgerChoice choice) {
    if (!choice.dynamoDb()) {
      return new LedgerPlace(
          null,
          LedgerSettings.memory(choice.safe()),
          "memory of this JVM (" + (choice.safe() ? "locked" : "unsafe") + ")");
    }
    LocalDynamoDb local =
        choice.endpoint() != null || choice.aws()
            ? null
            : LocalDynamoDb.start("127.0.0.1", 0, choice.conflictEvery(), choice.localData());
    try {
      // AWS signs with the default credentials chain; any endpoint, fanout's own included, with
      // dummy ones.
      AwsTarget target =
          choice.aws()
              ? AwsTarget.aws(choice.region())
              : AwsTarget.endpoint(
                  local != null ? local.endpoint() : choice.endpoint(), choice.region());
      String where =
          local != null
              ? "fanout's local DynamoDB "
                  + target.endpoint()
                  + (choice.localData() != null ? " kept in " + choice.localData() : "")
              : choice.aws()
                  ? "DynamoDB on AWS in " + target.region()
                  : "DynamoDB at " + target.endpoint();
      if (!choice.aws()) {
        createTable(target, choice.table());
      }
      return new LedgerPlace(
          local,
          LedgerSettings.dynamoDb(choice.table(), target.endpoint(), target.region().id()),
          where + ", table " + choice.table());
    } catch (RuntimeException e) {
      if (local != null) {
        local.close();
      }
      throw e;
    }
  }

  LedgerSettings settings() {
    return settings;
  }

  /** Where the balances are, as the bank's report says it. */
  String description() {
    return description;
  }

  /** What a Lambda instance needs to reach the same table. */
  Map<String, String> lambdaEnvironment() {
    Map<String, String> environment = new LinkedHashMap<>();
    if (!settings.inMemory()) {
      environment.put("FANOUT_LEDGER_TABLE", settings.table());
      if (settings.endpoint() != null) {
        environment.put("FANOUT_LEDGER_ENDPOINT", settings.endpoint().toString());
      }
    }
    return environment;
  }

  private static void createTable(AwsTarget target, String table) {
    try (DynamoDbClient client = DynamoDbLedger.client(target, Duration.ofSeconds(30), 4)) {
      DynamoDbLedger.createTableIfMissing(client, table);
    }
  }

  @Override
  public void close() {
    if (local != null) {
      local.close();
    }
  }
}
