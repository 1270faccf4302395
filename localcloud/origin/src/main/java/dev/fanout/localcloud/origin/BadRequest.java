package dev.fanout.localcloud.origin;

/** A request the origin cannot answer as asked; its message becomes the 400 response's body. */
final class BadRequest extends RuntimeException {

  BadRequest(String message) {
    // No stack trace: this is an answer to the client, not a failure of the origin.
    super(message, null, false, false);
  }
}
