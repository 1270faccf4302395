package dev.fanout.units.http;

import dev.fanout.units.FetchException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Collects a body, refusing it from its Content-Length, or as soon as it grows past the cap. The
 * Content-Type is kept as sent, never parsed: a charset the JVM does not know is no failure.
 */
final class CappedBody implements AsyncResponseConsumer<CappedBody.Hop> {
  /** One hop's answer: a body, or where a redirect points. */
  record Hop(URI uri, int status, String contentType, String location, byte[] body) {}

  private final long maxBytes;
  private final URI uri;
  private int status;
  private String contentType = "";
  private String location;
  // Sized from the Content-Length when there is one, so that a body is copied once.
  private byte[] body = new byte[0];
  private int size;
  private FutureCallback<Hop> done;

  CappedBody(long maxBytes, URI uri) {
    this.maxBytes = maxBytes;
    this.uri = uri;
  }

  @Override
  public void consumeResponse(
      HttpResponse response, EntityDetails entity, HttpContext context, FutureCallback<Hop> done)
      throws HttpException {
    status = response.getCode();
    Header typeHeader = response.getFirstHeader(HttpHeaders.CONTENT_TYPE);
    contentType = typeHeader == null ? "" : typeHeader.getValue();
    Header locationHeader = response.getFirstHeader(HttpHeaders.LOCATION);
    location = locationHeader == null ? null : locationHeader.getValue();
    if (entity == null) {
      done.completed(hop());
      return;
    }
    long declared = entity.getContentLength();
    if (declared > maxBytes) {
      throw tooLarge(declared);
    }
    if (declared > 0) {
      body = new byte[(int) declared];
    }
    this.done = done;
  }

  @Override
  public void informationResponse(HttpResponse response, HttpContext context) {}

  @Override
  public void updateCapacity(CapacityChannel channel) throws IOException {
    channel.update(Integer.MAX_VALUE);
  }

  @Override
  public void consume(ByteBuffer data) {
    int chunk = data.remaining();
    if (size + (long) chunk > maxBytes) {
      throw tooLarge(size + (long) chunk);
    }
    if (size + chunk > body.length) {
      body =
          Arrays.copyOf(body, (int) Math.min(maxBytes, Math.max(size + chunk, 2L * body.length)));
    }
    data.get(body, size, chunk);
    size += chunk;
  }

  @Override
  public void streamEnd(List<? extends Header> trailers) {
    done.completed(hop());
  }

  @Override
  public void failed(Exception cause) {
    if (done != null) {
      done.failed(cause);
    }
  }

  @Override
  public void releaseResources() {}

  private Hop hop() {
    return new Hop(
        uri, status, contentType, location, size == body.length ? body : Arrays.copyOf(body, size));
  }

  private FetchException tooLarge(long size) {
    return new FetchException(
        "GET "
            + uri
            + ": body of at least "
            + size
            + " bytes is over the limit of "
            + maxBytes
            + " bytes");
  }
}
