package dev.fanout.units.ledger;

/**
 * What a ledger did with one transfer.
 *
 * @param fromBalance the sender's balance right after the transfer, where the ledger knows it (the
 *     in-memory ledgers); null where it does not (a DynamoDB transaction returns no values)
 * @param toBalance the receiver's balance likewise
 * @param reason why it was refused or not applied again; null when applied
 * @param attempts how many tries it took (DynamoDB retries transaction conflicts); 1 in memory
 */
public record TransferResult(
    Status status, Long fromBalance, Long toBalance, String reason, int attempts) {

  public enum Status {
    /** Applied now, once. */
    APPLIED,
    /** Refused: insufficient funds or an unknown account. Nothing changed. */
    REFUSED,
    /** Its transfer id was already applied: a retry, answered without applying it again. */
    DUPLICATE
  }

  public static TransferResult applied(Long fromBalance, Long toBalance, int attempts) {
    return new TransferResult(Status.APPLIED, fromBalance, toBalance, null, attempts);
  }

  public static TransferResult refused(String reason, int attempts) {
    return new TransferResult(Status.REFUSED, null, null, reason, attempts);
  }

  public static TransferResult duplicate(String transferId, int attempts) {
    return new TransferResult(
        Status.DUPLICATE,
        null,
        null,
        "transfer " + transferId + " was already applied; not applied again",
        attempts);
  }
}
