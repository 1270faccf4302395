package dev.fanout.localcloud.origin;

import java.nio.charset.StandardCharsets;

/** One whole answer, held in memory so that it goes out with a fixed Content-Length. */
record Response(int status, String contentType, byte[] body) {

  static final String HTML = "text/html; charset=utf-8";
  static final String TEXT = "text/plain; charset=utf-8";
  static final String JPEG = "image/jpeg";
  static final String JSON = "application/json";

  static Response html(byte[] body) {
    return new Response(200, HTML, body);
  }

  static Response text(int status, String message) {
    return new Response(status, TEXT, (message + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
