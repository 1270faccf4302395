package dev.fanout.localcloud.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns a connection's bytes into requests as they arrive, with no socket: fed any piece of the
 * stream (a part of a request, or several pipelined ones), it consumes bytes up to the end of one
 * request and hands that request out whole, leaving the rest for the next call. It holds one
 * request at a time, so what a client sends ahead waits in the caller's buffer, and no more than
 * the limits is ever buffered: a head of at most {@link #MAX_HEAD_BYTES}, a body of at most the
 * body limit (refused from its Content-Length, before it is read).
 *
 * <p>Strict where servers disagree: lines end with CRLF only, and a bare CR or LF is refused, as is
 * anything {@link RequestHead} refuses. After a refusal the stream cannot be framed any more: the
 * connection must be closed.
 */
final class RequestParser {
  /** The request line and header fields together, and the trailers of a chunked body. */
  static final int MAX_HEAD_BYTES = 64 * 1024;

  /** A chunk-size line with its extensions. */
  static final int MAX_CHUNK_LINE_BYTES = 4 * 1024;

  private static final int INITIAL_LINE_BUFFER = 512;
  private static final int INITIAL_BODY_BUFFER = 16 * 1024;
  private static final byte[] NO_BODY = new byte[0];

  /** A whole request, and whether the connection stays open after its answer. */
  record Received(HttpRequest request, boolean keepAlive) {}

  private enum State {
    HEAD,
    BODY,
    CHUNK_SIZE,
    CHUNK_DATA,
    CHUNK_END,
    TRAILERS,
    DONE
  }

  private final int maxBodyBytes;
  private State state = State.HEAD;
  private boolean refused;

  /** Lines being read: the head, a chunk-size line, or the trailers. */
  private byte[] lines = new byte[INITIAL_LINE_BUFFER];

  private int linesLength;
  private int lineStart;

  /** Where the request line starts: after any empty lines before it. */
  private int headStart;

  private RequestHead head;
  private byte[] body = NO_BODY;
  private int bodyLength;
  private long chunkLeft;
  private int chunkEndSeen;

  RequestParser(int maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * Consumes bytes from {@code input} up to the end of one request.
   *
   * @return the request once it is whole; null when every byte was consumed and more are needed
   * @throws BadRequest with the status to answer; the connection must then be closed
   */
  Received parse(ByteBuffer input) throws BadRequest {
    if (refused) {
      throw new IllegalStateException("this connection's stream was refused: close it");
    }
    try {
      while (true) {
        boolean more =
            switch (state) {
              case HEAD -> readHead(input);
              case BODY -> readBody(input);
              case CHUNK_SIZE -> readChunkSize(input);
              case CHUNK_DATA -> readChunkData(input);
              case CHUNK_END -> readChunkEnd(input);
              case TRAILERS -> readTrailers(input);
              case DONE -> throw new IllegalStateException("unreachable: a done request is taken");
            };
        if (state == State.DONE) {
          return take();
        }
        if (!more) {
          return null;
        }
      }
    } catch (BadRequest e) {
      refused = true;
      throw e;
    }
  }

  /** True while the head of a request asking for {@code 100-continue} is in and its body is not. */
  boolean awaitsContinue() {
    return head != null && head.expectContinue();
  }

  /** True while a request has begun to arrive and is not whole yet. */
  boolean midRequest() {
    return state != State.HEAD || linesLength > headStart;
  }

  private boolean readHead(ByteBuffer input) throws BadRequest {
    while (readLine(input, MAX_HEAD_BYTES, 431, "the request head")) {
      if (linesLength - 2 > lineStart) {
        lineStart = linesLength;
        continue;
      }
      if (lineStart == headStart) {
        // Empty lines before a request line are skipped (RFC 9112, 2.2): some clients send a CRLF
        // after a body.
        headStart = lineStart = linesLength;
        continue;
      }
      String text =
          new String(lines, headStart, lineStart - 2 - headStart, StandardCharsets.ISO_8859_1);
      head = RequestHead.parse(text, maxBodyBytes);
      resetLines();
      if (head.chunked()) {
        state = State.CHUNK_SIZE;
      } else if (head.contentLength() > 0) {
        state = State.BODY;
      } else {
        state = State.DONE;
      }
      return true;
    }
    return false;
  }

  private boolean readBody(ByteBuffer input) {
    long length = head.contentLength();
    int n = (int) Math.min(input.remaining(), length - bodyLength);
    append(input, n, length);
    if (bodyLength == length) {
      state = State.DONE;
      return true;
    }
    return false;
  }

  private boolean readChunkSize(ByteBuffer input) throws BadRequest {
    if (!readLine(input, MAX_CHUNK_LINE_BYTES, 400, "a chunk size line")) {
      return false;
    }
    String line = new String(lines, 0, linesLength - 2, StandardCharsets.ISO_8859_1);
    resetLines();
    int digits = 0;
    long size = 0;
    while (digits < line.length() && Character.digit(line.charAt(digits), 16) >= 0) {
      // Past 15 hex digits the size is beyond any body limit: saturate rather than overflow.
      size =
          size >= 1L << 59 ? Long.MAX_VALUE : size * 16 + Character.digit(line.charAt(digits), 16);
      digits++;
    }
    String extensions = HttpSyntax.trimWhitespace(line.substring(digits));
    if (digits == 0
        || !extensions.isEmpty() && extensions.charAt(0) != ';'
        || HttpSyntax.invalidValueChar(extensions) >= 0) {
      throw new BadRequest(400, "malformed chunk size line: " + line);
    }
    if (size == 0) {
      state = State.TRAILERS;
      return true;
    }
    if (size > maxBodyBytes - bodyLength) {
      throw new BadRequest(413, "chunked body larger than the limit of " + maxBodyBytes + " bytes");
    }
    chunkLeft = size;
    state = State.CHUNK_DATA;
    return true;
  }

  private boolean readChunkData(ByteBuffer input) {
    int n = (int) Math.min(input.remaining(), chunkLeft);
    append(input, n, maxBodyBytes);
    chunkLeft -= n;
    if (chunkLeft == 0) {
      state = State.CHUNK_END;
      return true;
    }
    return false;
  }

  private boolean readChunkEnd(ByteBuffer input) throws BadRequest {
    while (input.hasRemaining()) {
      byte b = input.get();
      if (b != "\r\n".charAt(chunkEndSeen)) {
        throw new BadRequest(400, "a chunk is longer than its size: no CRLF after its data");
      }
      if (++chunkEndSeen == 2) {
        chunkEndSeen = 0;
        state = State.CHUNK_SIZE;
        return true;
      }
    }
    return false;
  }

  /** Trailer fields are checked as header fields are, then dropped: no handler here reads them. */
  private boolean readTrailers(ByteBuffer input) throws BadRequest {
    while (readLine(input, MAX_HEAD_BYTES, 431, "the trailers")) {
      if (linesLength - 2 == lineStart) {
        resetLines();
        state = State.DONE;
        return true;
      }
      RequestHead.field(
          new String(lines, lineStart, linesLength - 2 - lineStart, StandardCharsets.ISO_8859_1));
      lineStart = linesLength;
    }
    return false;
  }

  /**
   * Moves bytes into {@link #lines} up to the end of a line; true when a line ended, its CRLF at
   * {@code linesLength - 2}.
   *
   * @param limit the most bytes {@link #lines} may hold; past it the request is refused with {@code
   *     status}
   */
  private boolean readLine(ByteBuffer input, int limit, int status, String what) throws BadRequest {
    while (input.hasRemaining()) {
      if (linesLength == limit) {
        throw new BadRequest(status, what + " is larger than " + limit + " bytes");
      }
      byte b = input.get();
      boolean afterCr = linesLength > lineStart && lines[linesLength - 1] == '\r';
      if (linesLength == lines.length) {
        lines = Arrays.copyOf(lines, Math.min(limit, lines.length * 2));
      }
      lines[linesLength++] = b;
      if (b == '\n') {
        if (!afterCr) {
          throw new BadRequest(400, "bare LF in " + what + ": lines must end with CRLF");
        }
        return true;
      }
      if (afterCr) {
        throw new BadRequest(400, "bare CR in " + what + ": CR must be followed by LF");
      }
    }
    return false;
  }

  /** Copies {@code n} bytes to the body, growing it as they come, up to {@code capacity}. */
  private void append(ByteBuffer input, int n, long capacity) {
    if (bodyLength + n > body.length) {
      long wanted = Math.max(bodyLength + n, Math.max(INITIAL_BODY_BUFFER, 2L * body.length));
      body = Arrays.copyOf(body, (int) Math.min(wanted, capacity));
    }
    input.get(body, bodyLength, n);
    bodyLength += n;
  }

  private void resetLines() {
    linesLength = 0;
    lineStart = 0;
    headStart = 0;
    if (lines.length > 8 * INITIAL_LINE_BUFFER) {
      lines = new byte[INITIAL_LINE_BUFFER];
    }
  }

  private Received take() {
    byte[] whole = bodyLength == body.length ? body : Arrays.copyOf(body, bodyLength);
    Received received =
        new Received(
            new HttpRequest(head.method(), head.path(), head.query(), head.headers(), whole),
            head.keepAlive());
    head = null;
    body = NO_BODY;
    bodyLength = 0;
    state = State.HEAD;
    return received;
  }
}
