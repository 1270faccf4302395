package dev.fanout.api;

import java.net.URI;

/**
 * A successful (2xx) response, read whole.
 *
 * @param uri where the body came from, after any redirects
 * @param contentType the Content-Type header, or "" when absent
 */
public record Fetched(URI uri, int status, String contentType, byte[] body) {}
