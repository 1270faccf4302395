package dev.fanout.units;

import dev.fanout.api.HttpFetcher;
import dev.fanout.units.ledger.Ledger;
import dev.fanout.units.store.ObjectStore;
import java.net.URI;

/**
 * The outside world the units talk to, through their ports.
 *
 * @param pokedexBase the Pokedex page of number n is this URL followed by n
 * @param ledger the bank's balances and transfers, for {@code transfer}
 */
public record UnitDependencies(
    HttpFetcher fetcher, ObjectStore store, URI pokedexBase, Ledger ledger) {}
