package dev.fanout.units.ledger;

/** One transfer as the ledger recorded it when it applied it. */
public record LedgerEntry(String transferId, String from, String to, long amount) {}
