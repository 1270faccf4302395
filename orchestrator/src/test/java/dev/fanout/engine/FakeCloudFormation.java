package dev.fanout.engine;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake of AWS CloudFormation for tests, on 127.0.0.1: DescribeStacks only, over the AWS Query
 * protocol as the SDK speaks it (a form-encoded POST of {@code Action=DescribeStacks&StackName=..}
 * answered in XML), with the stacks and outputs it is given. A stack it does not hold is answered
 * as CloudFormation answers it: HTTP 400, {@code ValidationError}, "Stack with id X does not
 * exist". Any other action is a 400 it names. It notes every request, with the access key and
 * region it was signed for.
 */
public final class FakeCloudFormation implements AutoCloseable {
  private static final String NAMESPACE = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
  private static final Pattern CREDENTIAL =
      Pattern.compile("Credential=([^/\\s,]+)/\\d{8}/([^/]+)/([^/]+)/aws4_request");

  /** One request as it came: its form fields and who signed it for where. */
  public record Request(Map<String, String> form, String accessKey, String region, String service) {
    public String action() {
      return form.get("Action");
    }

    public String stackName() {
      return form.get("StackName");
    }
  }

  private final HttpServer server;
  private final Map<String, Map<String, String>> stacks;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private FakeCloudFormation(HttpServer server, Map<String, Map<String, String>> stacks) {
    this.server = server;
    this.stacks = stacks;
  }

  /**
   * Serves {@code stacks}: each stack's name with its outputs (key to value), in order.
   *
   * @throws IOException when no port can be had on 127.0.0.1
   */
  public static FakeCloudFormation start(Map<String, Map<String, String>> stacks)
      throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    FakeCloudFormation fake = new FakeCloudFormation(server, new LinkedHashMap<>(stacks));
    server.createContext("/", fake::answer);
    server.start();
    return fake;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (!exchange.getRequestMethod().equals("POST")
          || !exchange.getRequestURI().getPath().equals("/")
          || contentType == null
          || !contentType.startsWith("application/x-www-form-urlencoded")) {
        send(exchange, 400, error("InvalidRequest", "not a Query protocol request"));
        return;
      }
      Map<String, String> form =
          form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      Matcher signed =
          CREDENTIAL.matcher(
              String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      boolean isSigned = signed.find();
      requests.add(
          new Request(
              form,
              isSigned ? signed.group(1) : null,
              isSigned ? signed.group(2) : null,
              isSigned ? signed.group(3) : null));
      if (!"DescribeStacks".equals(form.get("Action"))
          || !"2010-05-15".equals(form.get("Version"))) {
        send(
            exchange,
            400,
            error(
                "InvalidAction",
                "The action " + form.get("Action") + " is not valid for this web service."));
        return;
      }
      String name = form.get("StackName");
      if (name != null && !stacks.containsKey(name)) {
        send(exchange, 400, error("ValidationError", "Stack with id " + name + " does not exist"));
        return;
      }
      send(exchange, 200, describeStacks(name == null ? stacks.keySet() : List.of(name)));
    }
  }

  private String describeStacks(Iterable<String> names) {
    StringBuilder xml = new StringBuilder();
    xml.append("<DescribeStacksResponse xmlns=\"").append(NAMESPACE).append("\">");
    xml.append("<DescribeStacksResult><Stacks>");
    for (String name : names) {
      xml.append("<member>")
          .append(element("StackName", name))
          .append(
              element(
                  "StackId",
                  "arn:aws:cloudformation:us-east-1:000000000000:stack/"
                      + name
                      + "/"
                      + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8))))
          .append(element("CreationTime", "2026-01-01T00:00:00.000Z"))
          .append(element("StackStatus", "CREATE_COMPLETE"))
          .append("<Outputs>");
      stacks
          .get(name)
          .forEach(
              (key, value) ->
                  xml.append("<member>")
                      .append(element("OutputKey", key))
                      .append(element("OutputValue", value))
                      .append("</member>"));
      xml.append("</Outputs></member>");
    }
    xml.append("</Stacks></DescribeStacksResult>");
    xml.append("<ResponseMetadata>")
        .append(element("RequestId", UUID.randomUUID().toString()))
        .append("</ResponseMetadata>");
    return xml.append("</DescribeStacksResponse>").toString();
  }

  private static String error(String code, String message) {
    return "<ErrorResponse xmlns=\""
        + NAMESPACE
        + "\"><Error>"
        + element("Type", "Sender")
        + element("Code", code)
        + element("Message", message)
        + "</Error>"
        + element("RequestId", UUID.randomUUID().toString())
        + "</ErrorResponse>";
  }

  private static void send(HttpExchange exchange, int status, String xml) throws IOException {
    byte[] body = xml.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/xml");
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      fields.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return fields;
  }

  private static String element(String name, String text) {
    return "<" + name + ">" + escaped(text) + "</" + name + ">";
  }

  private static String escaped(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&apos;");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
