package dev.fanout.engine;

import dev.fanout.localcloud.dynamodb.LocalDynamoDb;
import dev.fanout.localcloud.origin.OriginOptions;
import dev.fanout.localcloud.origin.OriginServer;
import dev.fanout.localcloud.scratch.ScratchDirectory;
import dev.fanout.units.aws.AwsTarget;
import dev.fanout.units.http.StandInUrls;
import dev.fanout.units.ledger.dynamodb.DynamoDbLedger;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the template's functions reach when {@code fanout lambda serve} runs them on this machine: a
 * local origin (the burger bar's grill, and the articles' pages, pictures and Pokedex in place of
 * their public hosts), a directory for the pictures and a local DynamoDB with the ledger table
 * (transfers, served orders), told to every instance through its environment.
 */
public final class StandIns implements AutoCloseable {
  static final String TABLE = "fanout-ledger";

  /** The origin started here, or null when the grill is someone else's. */
  private final OriginServer origin;

  /** Where the image function saves its pictures, with the origin started here. */
  private final ScratchDirectory images;

  private final URI grill;
  private final LocalDynamoDb dynamo;

  private StandIns(OriginServer origin, ScratchDirectory images, URI grill, LocalDynamoDb dynamo) {
    this.origin = origin;
    this.images = images;
    this.grill = grill;
    this.dynamo = dynamo;
  }

  /**
   * Starts an origin for the grill and the articles' hosts, a directory for pictures and a local
   * DynamoDB with the table.
   */
  public static StandIns start() {
    OriginServer origin = OriginServer.start(OriginOptions.defaults());
    ScratchDirectory images = null;
    try {
      images = ScratchDirectory.create("fanout-lambda-images-");
      return new StandIns(origin, images, origin.baseUri(), startDynamoDb());
    } catch (RuntimeException e) {
      if (images != null) {
        images.close();
      }
      origin.close();
      throw e;
    }
  }

  /** Starts a local DynamoDB with the table; the grill is the origin at {@code grill}. */
  static StandIns withGrill(URI grill) {
    return new StandIns(null, null, grill, startDynamoDb());
  }

  /**
   * The addresses in the sample events and what the origin started here serves in their place: the
   * articles' public hosts, and {@code fanout origin}'s own default address (the grill's event).
   */
  StandInUrls standInUrls() {
    Map<String, String> byPublic = new LinkedHashMap<>();
    byPublic.put("https://www.jython.org", origin.pageUri("jython").toString());
    byPublic.put("http://olympus.realpython.org/dice", origin.pageUri("dice").toString());
    byPublic.put("https://picsum.photos/", origin.baseUri().toString());
    byPublic.put("http://127.0.0.1:8080/", origin.baseUri().toString());
    return new StandInUrls(byPublic);
  }

  private static LocalDynamoDb startDynamoDb() {
    LocalDynamoDb dynamo = LocalDynamoDb.start();
    try (DynamoDbClient client =
        DynamoDbLedger.client(AwsTarget.endpoint(dynamo.endpoint()), Duration.ofSeconds(30), 4)) {
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
    if (origin != null) {
      environment.put("FANOUT_STAND_IN_URLS", standInUrls().format());
      environment.put("FANOUT_POKEDEX_BASE", origin.baseUri().resolve("/pokedex/").toString());
      environment.put("FANOUT_IMAGE_DIR", images.path().toString());
    }
    return environment;
  }

  public String describe() {
    StringBuilder text =
        new StringBuilder("origin (the grill) ")
            .append(grill)
            .append(", DynamoDB ")
            .append(dynamo.endpoint())
            .append(" (table ")
            .append(TABLE)
            .append(")");
    if (origin != null) {
      text.append(", pictures in ").append(images.path());
      text.append("; the sample events' hosts, served by the origin in this run only:");
      standInUrls()
          .byPublic()
          .forEach((from, to) -> text.append("\n    ").append(from).append(" -> ").append(to));
      text.append("\n    Pokedex pages -> ").append(origin.baseUri().resolve("/pokedex/"));
    }
    return text.toString();
  }

  @Override
  public void close() {
    dynamo.close();
    if (origin != null) {
      origin.close();
      images.close();
    }
  }
}
