package dev.fanout.units;

import dev.fanout.units.http.HttpFetcher;
import dev.fanout.units.store.ObjectStore;
import java.net.URI;

/**
 * The outside world the units talk to, through their ports.
 *
 * @param pokedexBase the Pokedex page of number n is this URL followed by n
 */
public record UnitDependencies(HttpFetcher fetcher, ObjectStore store, URI pokedexBase) {}
