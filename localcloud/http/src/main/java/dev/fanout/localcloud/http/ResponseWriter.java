package dev.fanout.localcloud.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Lays out a response for one gathering write, with no socket: the status line, the headers and
 * Content-Length in one buffer, then the body as it is (not copied).
 */
final class ResponseWriter {
  static final byte[] CONTINUE =
      "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  private ResponseWriter() {}

  /**
   * The buffers of {@code response}, to be written in order.
   *
   * @param keepAlive false adds {@code Connection: close}
   * @param sendBody false for an answer to HEAD: the Content-Length the body would have, no body.
   *     204 and 304 never have a body nor a Content-Length
   */
  static ByteBuffer[] encode(HttpResponse response, boolean keepAlive, boolean sendBody) {
    StringBuilder head = new StringBuilder(256);
    head.append("HTTP/1.1 ")
        .append(response.status())
        .append(' ')
        .append(reason(response.status()))
        .append("\r\n");
    for (Map.Entry<String, String> header : response.headers().entrySet()) {
      head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
    }
    boolean bodyAllowed = response.status() != 204 && response.status() != 304;
    if (bodyAllowed) {
      head.append("Content-Length: ").append(response.body().length).append("\r\n");
    }
    if (!keepAlive) {
      head.append("Connection: close\r\n");
    }
    head.append("\r\n");
    ByteBuffer headBytes = ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (!bodyAllowed || !sendBody || response.body().length == 0) {
      return new ByteBuffer[] {headBytes};
    }
    return new ByteBuffer[] {headBytes, ByteBuffer.wrap(response.body())};
  }

  static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 304 -> "Not Modified";
      case 400 -> "Bad Request";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 410 -> "Gone";
      case 413 -> "Content Too Large";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 505 -> "HTTP Version Not Supported";
      default -> "Status";
    };
  }
}
