package dev.fanout.engine;

import dev.fanout.localcloud.dynamodb.LocalDynamoDb;
import dev.fanout.localcloud.origin.OriginOptions;
import dev.fanout.localcloud.origin.OriginServer;
import dev.fanout.units.ledger.dynamodb.DynamoDbLedger;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the template's functions reach when {@code fanout lambda serve} runs them on this machine: a
 * local origin (the burger bar's grill) and a local DynamoDB with the ledger table (transfers,
 * served orders), told to every instance through its environment.
 */
public final class StandIns implements AutoCloseable {
  static final String TABLE = "fanout-ledger";

  /** The origin started here, or null when the grill is someone else's. */
  private final OriginServer origin;

  private final URI grill;
  private final LocalDynamoDb dynamo;

  private StandIns(OriginServer origin, URI grill, LocalDynamoDb dynamo) {
    this.origin = origin;
    this.grill = grill;
    this.dynamo = dynamo;
  }

  /** Starts an origin for the grill and a local DynamoDB with the table. */
  public static StandIns start() {
    OriginServer origin = OriginServer.start(OriginOptions.defaults());
    try {
      return new StandIns(origin, origin.baseUri(), startDynamoDb());
    } catch (RuntimeException e) {
      origin.close();
      throw e;
    }
  }

  /** Starts a local DynamoDB with the table; the grill is the origin at {@code grill}. */
  static StandIns withGrill(URI grill) {
    return new StandIns(null, grill, startDynamoDb());
  }

  private static LocalDynamoDb startDynamoDb() {
    LocalDynamoDb dynamo = LocalDynamoDb.start();
    try (DynamoDbClient client =
        DynamoDbLedger.client(Optional.of(dynamo.endpoint()), Duration.ofSeconds(30), 4)) {
      DynamoDbLedger.createTableIfMissing(client, TABLE);
      return dynamo;
    } catch (RuntimeException e) {
      dynamo.close();
      throw e;
    }
  }

  /** The variables that point the functions at the stand-ins. */
  public Map<String, String> environment() {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("FANOUT_ALLOW_LOCAL_TARGETS", "true");
    environment.put("FANOUT_STAGE_GRILL_URL", grill.toString());
    environment.put("FANOUT_LEDGER_TABLE", TABLE);
    environment.put("FANOUT_LEDGER_ENDPOINT", dynamo.endpoint().toString());
    return environment;
  }

  public String describe() {
    return "origin (the grill) "
        + grill
        + ", DynamoDB "
        + dynamo.endpoint()
        + " (table "
        + TABLE
        + ")";
  }

  @Override
  public void close() {
    dynamo.close();
    if (origin != null) {
      origin.close();
    }
  }
}
