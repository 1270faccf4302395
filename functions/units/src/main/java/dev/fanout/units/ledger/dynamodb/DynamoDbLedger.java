package dev.fanout.units.ledger.dynamodb;

import dev.fanout.units.LedgerException;
import dev.fanout.units.aws.AwsTarget;
import dev.fanout.units.ledger.Ledger;
import dev.fanout.units.ledger.LedgerEntry;
import dev.fanout.units.ledger.LedgerState;
import dev.fanout.units.ledger.Transfer;
import dev.fanout.units.ledger.TransferResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The ledger in one DynamoDB table, for processes and Lambda functions, which share no memory. A
 * transfer is ONE {@code TransactWriteItems}: debit the sender on condition that it holds the
 * amount, credit the receiver on condition that it exists, and put a transfer record on condition
 * that none exists under its id, so a retried transfer changes nothing. Transaction conflicts are
 * retried here with jittered backoff.
 *
 * <p>Items: {@code {id: "account#NAME", balance: N}} and {@code {id: "transfer#ID", from, to,
 * amount, expiresAt}} (expiresAt lets a table's time to live remove old records).
 */
public final class DynamoDbLedger implements Ledger, AutoCloseable {
  /** The table's only key attribute, a string. */
  public static final String KEY = "id";

  static final String BALANCE = "balance";
  private static final int DEFAULT_MAX_ATTEMPTS = 12;
  private static final long FIRST_BACKOFF_MILLIS = 5;
  private static final long MAX_BACKOFF_MILLIS = 500;
  private static final Duration RECORD_LIFETIME = Duration.ofDays(7);

  private final DynamoDbClient client;
  private final String table;
  private final int maxAttempts;
  private final Clock clock;

  /**
   * @param maxAttempts tries per transfer while transactions conflict, before it fails
   */
  public DynamoDbLedger(DynamoDbClient client, String table, int maxAttempts, Clock clock) {
    if (table == null || table.isBlank()) {
      throw new IllegalArgumentException("a DynamoDB ledger needs a table name");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    this.client = client;
    this.table = table;
    this.maxAttempts = maxAttempts;
    this.clock = clock;
  }

  public DynamoDbLedger(DynamoDbClient client, String table) {
    this(client, table, DEFAULT_MAX_ATTEMPTS, Clock.systemUTC());
  }

  /**
   * A ledger with its own client: every call bounded by {@code callTimeout}.
   *
   * @param target AWS itself (default credentials), or a DynamoDB-compatible endpoint (fanout's
   *     local one, DynamoDB Local, LocalStack) signed with dummy credentials, which emulators
   *     accept
   * @param maxConnections the most calls in flight at once from this JVM
   */
  public static DynamoDbLedger create(
      String table, AwsTarget target, Duration callTimeout, int maxConnections) {
    return new DynamoDbLedger(client(target, callTimeout, maxConnections), table);
  }

  /** A client as {@link #create} builds it, for callers that need the table itself. */
  public static DynamoDbClient client(AwsTarget target, Duration callTimeout, int maxConnections) {
    return target
        .configure(DynamoDbClient.builder())
        .httpClientBuilder(Apache5HttpClient.builder().maxConnections(maxConnections))
        .overrideConfiguration(c -> c.apiCallTimeout(callTimeout))
        .build();
  }

  /**
   * Creates the table (on demand, key {@value #KEY}) unless it exists, and waits until it is
   * active: for emulators and fresh accounts. A deployed stack creates its own.
   */
  public static void createTableIfMissing(DynamoDbClient client, String table) {
    try {
      client.createTable(
          request ->
              request
                  .tableName(table)
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .attributeDefinitions(
                      AttributeDefinition.builder()
                          .attributeName(KEY)
                          .attributeType(ScalarAttributeType.S)
                          .build())
                  .keySchema(
                      KeySchemaElement.builder().attributeName(KEY).keyType(KeyType.HASH).build()));
    } catch (ResourceInUseException e) {
      // It exists already: fine.
    } catch (SdkException e) {
      throw new LedgerException(
          "cannot create the DynamoDB table " + table + ": " + e.getMessage(), e);
    }
    client.waiter().waitUntilTableExists(request -> request.tableName(table));
  }

  @Override
  public void open(Map<String, Long> balances) {
    List<WriteRequest> puts = new ArrayList<>();
    balances.forEach(
        (account, balance) ->
            puts.add(
                WriteRequest.builder()
                    .putRequest(
                        PutRequest.builder()
                            .item(Map.of(KEY, s(accountKey(account)), BALANCE, n(balance)))
                            .build())
                    .build()));
    // BatchWriteItem takes 25 at most, and may hand some back to be sent again.
    for (int start = 0; start < puts.size(); start += 25) {
      Map<String, List<WriteRequest>> pending =
          Map.of(table, puts.subList(start, Math.min(puts.size(), start + 25)));
      int attempt = 0;
      while (!pending.isEmpty()) {
        Map<String, List<WriteRequest>> sent = pending;
        BatchWriteItemResponse response =
            call(() -> client.batchWriteItem(r -> r.requestItems(sent)));
        pending = response.unprocessedItems();
        if (!pending.isEmpty()) {
          backoff(++attempt);
        }
      }
    }
  }

  @Override
  public TransferResult transfer(Transfer transfer) {
    for (int attempt = 1; ; attempt++) {
      try {
        call(() -> client.transactWriteItems(r -> r.transactItems(items(transfer))));
        return TransferResult.applied(null, null, attempt);
      } catch (TransactionCanceledException cancelled) {
        List<CancellationReason> reasons = cancelled.cancellationReasons();
        if (failed(reasons, 2)) {
          return TransferResult.duplicate(transfer.transferId(), attempt);
        }
        if (failed(reasons, 0)) {
          return TransferResult.refused(senderRefusal(transfer, reasons.get(0)), attempt);
        }
        if (failed(reasons, 1)) {
          return TransferResult.refused("no account " + transfer.to(), attempt);
        }
        if (!retryable(reasons) || attempt >= maxAttempts) {
          throw new LedgerException(
              "transfer "
                  + transfer.transferId()
                  + " was cancelled after "
                  + attempt
                  + " attempts: "
                  + codes(reasons)
                  + (retryable(reasons)
                      ? "; too many transfers contend for the same accounts: lower the concurrency"
                      : ""),
              cancelled);
        }
        backoff(attempt);
      }
    }
  }

  private List<TransactWriteItem> items(Transfer transfer) {
    // The debit returns the sender's item when refused, to say what it holds.
    Update debit =
        balanceUpdate(transfer.from(), "-", "attribute_exists(#b) AND #b >= :a", transfer.amount())
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
            .build();
    Update credit =
        balanceUpdate(transfer.to(), "+", "attribute_exists(#b)", transfer.amount()).build();
    Put record =
        Put.builder()
            .tableName(table)
            .item(
                Map.of(
                    KEY,
                    s(transferKey(transfer.transferId())),
                    "from",
                    s(transfer.from()),
                    "to",
                    s(transfer.to()),
                    "amount",
                    n(transfer.amount()),
                    "expiresAt",
                    n(clock.instant().plus(RECORD_LIFETIME).getEpochSecond())))
            .conditionExpression("attribute_not_exists(#k)")
            .expressionAttributeNames(Map.of("#k", KEY))
            .build();
    return List.of(
        TransactWriteItem.builder().update(debit).build(),
        TransactWriteItem.builder().update(credit).build(),
        TransactWriteItem.builder().put(record).build());
  }

  private Update.Builder balanceUpdate(String account, String sign, String condition, long amount) {
    return Update.builder()
        .tableName(table)
        .key(Map.of(KEY, s(accountKey(account))))
        .updateExpression("SET #b = #b " + sign + " :a")
        .conditionExpression(condition)
        .expressionAttributeNames(Map.of("#b", BALANCE))
        .expressionAttributeValues(Map.of(":a", n(amount)));
  }

  @Override
  public LedgerState read(Collection<String> accounts, Collection<String> transferIds) {
    List<String> keys = new ArrayList<>();
    accounts.forEach(account -> keys.add(accountKey(account)));
    transferIds.forEach(id -> keys.add(transferKey(id)));
    Map<String, Long> balances = new HashMap<>();
    Map<String, LedgerEntry> entries = new HashMap<>();
    List<String> unique = List.copyOf(new LinkedHashSet<>(keys));
    // BatchGetItem takes 100 keys at most, and may hand some back to be asked again.
    for (int start = 0; start < unique.size(); start += 100) {
      List<Map<String, AttributeValue>> batch = new ArrayList<>();
      for (String key : unique.subList(start, Math.min(unique.size(), start + 100))) {
        batch.add(Map.of(KEY, s(key)));
      }
      Map<String, KeysAndAttributes> pending =
          Map.of(table, KeysAndAttributes.builder().keys(batch).consistentRead(true).build());
      int attempt = 0;
      while (!pending.isEmpty()) {
        Map<String, KeysAndAttributes> asked = pending;
        BatchGetItemResponse response = call(() -> client.batchGetItem(r -> r.requestItems(asked)));
        for (Map<String, AttributeValue> item :
            response.responses().getOrDefault(table, List.of())) {
          String id = item.get(KEY).s();
          if (id.startsWith("account#")) {
            balances.put(id.substring("account#".length()), Long.parseLong(item.get(BALANCE).n()));
          } else if (id.startsWith("transfer#")) {
            String transferId = id.substring("transfer#".length());
            entries.put(
                transferId,
                new LedgerEntry(
                    transferId,
                    item.get("from").s(),
                    item.get("to").s(),
                    Long.parseLong(item.get("amount").n())));
          }
        }
        pending = response.unprocessedKeys();
        if (!pending.isEmpty()) {
          backoff(++attempt);
        }
      }
    }
    List<LedgerEntry> ordered = new ArrayList<>();
    for (String id : transferIds) {
      LedgerEntry entry = entries.remove(id);
      if (entry != null) {
        ordered.add(entry);
      }
    }
    return new LedgerState(balances, ordered);
  }

  @Override
  public void close() {
    client.close();
  }

  private <T> T call(java.util.function.Supplier<T> request) {
    try {
      return request.get();
    } catch (TransactionCanceledException e) {
      throw e;
    } catch (ResourceNotFoundException e) {
      throw new LedgerException(
          "the DynamoDB table "
              + table
              + " does not exist: create it (scripts/fanout bank does so on a local endpoint) or"
              + " name the deployed one",
          e);
    } catch (SdkException e) {
      throw new LedgerException(
          "cannot use the DynamoDB table "
              + table
              + ": "
              + e.getMessage()
              + "; check the endpoint or region and that this role may dynamodb:UpdateItem and"
              + " dynamodb:PutItem on it",
          e);
    }
  }

  private static String senderRefusal(Transfer transfer, CancellationReason reason) {
    if (reason.item() == null || !reason.item().containsKey(BALANCE)) {
      return "no account " + transfer.from();
    }
    return "insufficient funds: "
        + transfer.from()
        + " holds "
        + reason.item().get(BALANCE).n()
        + ", the transfer needs "
        + transfer.amount();
  }

  private static boolean failed(List<CancellationReason> reasons, int index) {
    return reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
  }

  private static boolean retryable(List<CancellationReason> reasons) {
    boolean any = false;
    for (CancellationReason reason : reasons) {
      String code = reason.code();
      if (code == null || code.equals("None")) {
        continue;
      }
      if (!code.equals("TransactionConflict")
          && !code.equals("ThrottlingError")
          && !code.equals("ProvisionedThroughputExceeded")) {
        return false;
      }
      any = true;
    }
    return any;
  }

  private static String codes(List<CancellationReason> reasons) {
    return reasons.stream().map(CancellationReason::code).toList().toString();
  }

  /** Full jitter: a random wait up to an exponentially growing cap. */
  private static void backoff(int attempt) {
    long cap = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(attempt, 10));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, cap + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerException("interrupted while waiting to retry a DynamoDB call", e);
    }
  }

  static String accountKey(String account) {
    return "account#" + account;
  }

  static String transferKey(String transferId) {
    return "transfer#" + transferId;
  }

  private static AttributeValue s(String value) {
    return AttributeValue.builder().s(value).build();
  }

  private static AttributeValue n(long value) {
    return AttributeValue.builder().n(Long.toString(value)).build();
  }
}
