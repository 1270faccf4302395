package dev.fanout.localcloud.http;

/**
 * A request the loop refuses while reading it: answered with {@link #status()} and the message,
 * then the connection is closed, since what follows on it can no longer be framed.
 */
final class BadRequest extends Exception {
  private final int status;

  BadRequest(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
