package dev.fanout.units;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.DeadlineExceededException;
import dev.fanout.api.InvalidInputException;
import dev.fanout.api.Unit;
import dev.fanout.api.UnitJson;
import dev.fanout.api.UnitKind;
import dev.fanout.units.ledger.Ledger;
import dev.fanout.units.ledger.Transfer;
import dev.fanout.units.ledger.TransferResult;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Moves money between two accounts of a {@link Ledger}: the articles' bank transfer. It first waits
 * {@code verifyMillis} ("verify the user"), then asks the ledger, which applies it at most once per
 * {@code transferId} and refuses an overdraft.
 */
public final class TransferUnit implements Unit<TransferUnit.Input, TransferUnit.Output> {
  public static final long MAX_AMOUNT = 1_000_000_000L;
  public static final long MAX_VERIFY_MILLIS = 60_000;
  public static final long MAX_PAUSE_MICROS = 1_000_000;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]+");

  private final Ledger ledger;

  /**
   * @param verifyMillis the wait before the transfer (the articles' 100 ms "verify user"); default
   *     0
   * @param pauseMicros an in-memory ledger's pause between reading a balance and writing it (the
   *     articles' 100 us); default 0, ignored by DynamoDB
   */
  public record Input(
      String from,
      String to,
      long amount,
      String transferId,
      long verifyMillis,
      long pauseMicros) {}

  /**
   * @param status {@code applied}, {@code refused} or {@code duplicate}
   * @param fromBalance the sender's balance right after, where the ledger knows it; else null
   * @param reason why it was refused or not applied again; null when applied
   * @param attempts tries the ledger needed (DynamoDB retries transaction conflicts)
   */
  public record Output(
      String transferId,
      String status,
      String from,
      String to,
      long amount,
      Long fromBalance,
      Long toBalance,
      String reason,
      int attempts) {}

  public TransferUnit(Ledger ledger) {
    this.ledger = ledger;
  }

  @Override
  public String name() {
    return "transfer";
  }

  @Override
  public UnitKind kind() {
    return UnitKind.STATE;
  }

  @Override
  public String exampleInput() {
    return "{\"from\": \"bank_1\", \"to\": \"bank_2\", \"amount\": 20, \"transferId\": \"t-1\"}";
  }

  @Override
  public Input parse(JsonNode input) {
    UnitJson.requireObject(
        name(),
        input,
        Set.of("from", "to", "amount", "transferId", "verifyMillis", "pauseMicros"),
        exampleInput());
    String from = requireName(input, "from", 64);
    String to = requireName(input, "to", 64);
    if (from.equals(to)) {
      throw new InvalidInputException(
          "to",
          name() + ": fields 'from' and 'to' must name two different accounts, both are " + from);
    }
    return new Input(
        from,
        to,
        UnitJson.requireLong(name(), input, "amount", 1, MAX_AMOUNT),
        requireName(input, "transferId", 128),
        optionalLong(input, "verifyMillis", MAX_VERIFY_MILLIS),
        optionalLong(input, "pauseMicros", MAX_PAUSE_MICROS));
  }

  @Override
  public Output run(Input input, Deadline deadline) {
    deadline.require(input.verifyMillis() + 1, "transfer " + input.transferId());
    if (input.verifyMillis() > 0) {
      try {
        Thread.sleep(input.verifyMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DeadlineExceededException(
            "transfer " + input.transferId() + " was interrupted while verifying the user");
      }
    }
    return output(input, ledger.transfer(transfer(input)));
  }

  @Override
  public CompletableFuture<Output> runAsync(Input input, Deadline deadline, Executor loop) {
    Executor verified =
        input.verifyMillis() > 0
            ? CompletableFuture.delayedExecutor(input.verifyMillis(), TimeUnit.MILLISECONDS, loop)
            : loop;
    return CompletableFuture.runAsync(
            () -> deadline.require(input.verifyMillis() + 1, "transfer " + input.transferId()),
            loop)
        .thenComposeAsync(
            checked ->
                CompletableFuture.supplyAsync(() -> transfer(input), verified)
                    .thenComposeAsync(transfer -> ledger.transferAsync(transfer, loop), loop),
            loop)
        .thenApplyAsync(result -> output(input, result), loop);
  }

  private static Transfer transfer(Input input) {
    return new Transfer(
        input.from(),
        input.to(),
        input.amount(),
        input.transferId(),
        Duration.ofNanos(input.pauseMicros() * 1_000));
  }

  private static Output output(Input input, TransferResult result) {
    return new Output(
        input.transferId(),
        result.status().name().toLowerCase(Locale.ROOT),
        input.from(),
        input.to(),
        input.amount(),
        result.fromBalance(),
        result.toBalance(),
        result.reason(),
        result.attempts());
  }

  private String requireName(JsonNode input, String field, int maxLength) {
    String allowed = "a name of letters, digits and _ . : -";
    String text = UnitJson.requireText(name(), input, field, maxLength, allowed);
    if (!NAME.matcher(text).matches()) {
      throw new InvalidInputException(
          field, name() + ": field '" + field + "' must be " + allowed + ", got \"" + text + "\"");
    }
    return text;
  }

  private long optionalLong(JsonNode input, String field, long max) {
    JsonNode node = input.get(field);
    if (node == null || node.isNull()) {
      return 0;
    }
    return UnitJson.requireLong(name(), input, field, 0, max);
  }
}
