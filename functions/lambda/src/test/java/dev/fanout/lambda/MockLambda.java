package dev.fanout.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.UnitJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Invokes the function under test through Quarkus' mock event server, as the Lambda service would:
 * the event goes in through the Runtime API and the handler's answer or error comes back (HTTP 500
 * with {@code {"errorType","errorMessage"}} for a function error).
 *
 * <p>The server runs on a free port, read back from the property the function's own poll loop
 * reads. (RestAssured is not used: Quarkus sets its default port to the configured 0.)
 */
final class MockLambda {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private MockLambda() {}

  record Answer(int status, JsonNode body) {}

  static Answer invoke(String event) {
    String api =
        ConfigProvider.getConfig().getValue("quarkus-internal.aws-lambda.test-api", String.class);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + api))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(event))
            .build();
    try {
      HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), UnitJson.mapper().readTree(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The function's answer, checked to be a success. */
  static JsonNode result(String event) {
    Answer answer = invoke(event);
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
    return answer.body();
  }

  /** The function error, checked to be one: exactly {@code errorType} and {@code errorMessage}. */
  static JsonNode error(String event) {
    Answer answer = invoke(event);
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(500);
    assertThat(answer.body().propertyStream().map(field -> field.getKey()))
        .containsExactlyInAnyOrder("errorType", "errorMessage");
    return answer.body();
  }

  /** A function error as the event server returns it. */
  static JsonNode errorJson(String errorType, String errorMessage) {
    return UnitJson.mapper()
        .createObjectNode()
        .put("errorType", errorType)
        .put("errorMessage", errorMessage);
  }

  static JsonNode json(String text) {
    try {
      return UnitJson.mapper().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
