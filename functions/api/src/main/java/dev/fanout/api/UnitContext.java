package dev.fanout.api;

/** What fanout gives a unit when it builds one: the ports the built-in units use too. */
public interface UnitContext {

  /**
   * The web, through the same client and limits as the built-in units: a size cap, a timeout, and
   * in local runs the stand-ins that answer for public addresses without the network.
   */
  HttpFetcher fetcher();
}
