package dev.fanout.api;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** The units' port to the web: a GET with a size cap and a deadline, blocking or not. */
public interface HttpFetcher {

  /** Fetches on the calling thread, blocking it until the body is read or the fetch fails. */
  Fetched get(URI uri);

  /**
   * Fetches without blocking; the returned future completes on {@code executor}, so the caller's
   * next stage runs where the caller wants it (an event loop, say).
   */
  CompletableFuture<Fetched> getAsync(URI uri, Executor executor);
}
