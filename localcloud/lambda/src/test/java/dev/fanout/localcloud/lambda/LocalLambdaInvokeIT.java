package dev.fanout.localcloud.lambda;

import static dev.fanout.localcloud.lambda.LambdaTestClients.invoke;
import static dev.fanout.localcloud.lambda.LambdaTestClients.log;
import static dev.fanout.localcloud.lambda.LambdaTestClients.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.api.Deadline;
import dev.fanout.api.UnitJson;
import dev.fanout.localcloud.origin.OriginOptions;
import dev.fanout.localcloud.origin.OriginServer;
import dev.fanout.units.PowerloopUnit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.RequestTooLargeException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * The built function.zip run by the local Lambda service and called through the AWS SDK: every unit
 * answers as it does in-process, errors come back as Lambda's function errors, and names resolve as
 * Lambda resolves them.
 */
class LocalLambdaInvokeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path images;
  private static OriginServer origin;
  private static LocalLambdaService service;
  private static LambdaClient lambda;
  private static final CopyOnWriteArrayList<String> logs = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    LambdaTestClients.assumeFunctionZipBuilt();
    origin = OriginServer.start(OriginOptions.defaults());
    service =
        LocalLambdaService.start(
            LambdaTestClients.options()
                .environment("FANOUT_ALLOW_LOCAL_TARGETS", "true")
                .environment("FANOUT_POKEDEX_BASE", origin.baseUri() + "/pokedex/")
                .environment("FANOUT_IMAGE_DIR", images.toString())
                .logListener(logs::add)
                .build());
    lambda = LambdaTestClients.client(service.endpoint());
  }

  @AfterAll
  static void stop() {
    if (lambda != null) {
      lambda.close();
    }
    if (service != null) {
      service.close();
    }
    if (origin != null) {
      origin.close();
    }
  }

  @Test
  void cpuUnits_answerAsTheyDoInProcess() throws Exception {
    assertThat(json(invoke(lambda, "FibFunction", "{\"n\":20}")).get("value").asLong())
        .isEqualTo(4181);
    assertThat(json(invoke(lambda, "SumsqFunction", "{\"n\":10}")).get("sum").asText())
        .isEqualTo("285");
    String powerloop = "{\"start\":1,\"iterations\":10}";
    assertThat(json(invoke(lambda, "PowerloopFunction", powerloop)))
        .isEqualTo(
            new PowerloopUnit().call(UnitJson.parse("powerloop", powerloop), Deadline.none()));
  }

  @Test
  void napUnit_sleepsAndSaysHowLong() throws Exception {
    assertThat(json(invoke(lambda, "NapFunction", "{\"millis\":10}")).get("sleptMillis").asLong())
        .isEqualTo(10);
  }

  @Test
  void ioUnits_reachTheLocalOrigin() throws Exception {
    JsonNode download =
        json(invoke(lambda, "DownloadFunction", "{\"url\":\"" + origin.pageUri("jython") + "\"}"));
    assertThat(download.get("status").asInt()).isEqualTo(200);
    assertThat(download.get("bytes").asLong()).isPositive();

    JsonNode scrape = json(invoke(lambda, "ScrapeFunction", "{\"number\":1}"));
    assertThat(scrape.get("name").asText()).isEqualTo(OriginServer.pokemonName(1));

    JsonNode image =
        json(
            invoke(
                lambda,
                "ImageFunction",
                "{\"id\":3,\"url\":\"" + origin.imageUri(3, 200, 300) + "\"}"));
    assertThat(image.get("id").asInt()).isEqualTo(3);
    assertThat(image.get("bytes").asLong()).isPositive();
    try (var stored = Files.walk(images)) {
      assertThat(stored.filter(Files::isRegularFile).count()).isPositive();
    }
  }

  @Test
  void grillUnit_cooksOnTheLocalOriginsGrill() throws Exception {
    String event = "{\"patty\":7,\"url\":\"" + origin.grillUri(7, 50) + "\"}";

    assertThat(json(invoke(lambda, "GrillFunction", event)).toString())
        .isEqualTo("{\"patty\":7,\"cookedMillis\":50}");
  }

  @Test
  void tailLog_endsWithAwsStartEndAndReportLines() {
    InvokeResponse response = invoke(lambda, "SumsqFunction", "{\"n\":3}");

    String log = log(response);
    String id = response.responseMetadata().requestId();
    assertThat(response.executedVersion()).isEqualTo("$LATEST");
    assertThat(log).contains("START RequestId: " + id + " Version: $LATEST\n");
    assertThat(log).contains("END RequestId: " + id + "\n");
    assertThat(log.lines().reduce((a, b) -> b).orElse(""))
        .matches(
            "REPORT RequestId: "
                + id
                + "\tDuration: \\d+\\.\\d\\d ms\tBilled Duration: \\d+ ms\tMemory Size: 1024 MB"
                + "\tMax Memory Used: \\d+ MB(\tInit Duration: \\d+\\.\\d\\d ms)?");
    assertThat(logs).anyMatch(line -> line.contains("REPORT RequestId: " + id));
  }

  @Test
  void invalidInput_isAFunctionErrorOfTypeInvalidInput() throws Exception {
    InvokeResponse response = invoke(lambda, "FibFunction", "{\"n\":-1}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.functionError()).isEqualTo("Unhandled");
    JsonNode error = json(response);
    assertThat(error.get("errorType").asText()).isEqualTo("InvalidInput");
    assertThat(error.get("errorMessage").asText()).contains("n");
  }

  @Test
  void unknownFunction_isResourceNotFound() {
    assertThatThrownBy(() -> invoke(lambda, "Nope", "{}"))
        .isInstanceOfSatisfying(
            ResourceNotFoundException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
              assertThat(e.getMessage())
                  .contains(
                      "Function not found: arn:aws:lambda:us-east-1:000000000000:function:Nope");
            });
  }

  @Test
  void functions_answerToArnsAndQualifiers() throws Exception {
    String arn = "arn:aws:lambda:us-east-1:000000000000:function:FibFunction";
    for (String name : new String[] {arn, arn + ":$LATEST", "FibFunction:live"}) {
      assertThat(json(invoke(lambda, name, "{\"n\":5}")).get("value").asLong()).isEqualTo(3);
    }
    assertThatThrownBy(() -> invoke(lambda, "FibFunction:nope", "{}"))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void eventAndDryRun_answerAtOnce() {
    InvokeResponse event =
        lambda.invoke(
            b ->
                b.functionName("NapFunction")
                    .invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String("{\"millis\":1}")));
    InvokeResponse dryRun =
        lambda.invoke(b -> b.functionName("NapFunction").invocationType(InvocationType.DRY_RUN));

    assertThat(event.statusCode()).isEqualTo(202);
    assertThat(dryRun.statusCode()).isEqualTo(204);
  }

  @Test
  void listFunctions_namesEveryFunctionOfTheTemplate() {
    ListFunctionsResponse functions = lambda.listFunctions();

    assertThat(functions.functions())
        .extracting(f -> f.functionName())
        .containsExactlyInAnyOrderElementsOf(service.functionNames());
  }

  private static JsonNode json(InvokeResponse response) throws Exception {
    return JSON.readTree(payload(response));
  }

  @Test
  void aClientContextThatIsNotOneJsonObject_isRefused_soNoCallerBytesReachARuntimeHeader() {
    // Base64 of JSON followed by CR LF, a header and a second body: once a header smuggling a
    // longer nap past the payload.
    String smuggling =
        Base64.getEncoder()
            .encodeToString(
                "{}\r\nContent-Length: 15\r\n\r\n{\"millis\":3000}"
                    .getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(
            () ->
                lambda.invoke(
                    LambdaTestClients.request("NapFunction", "{\"millis\":1}").toBuilder()
                        .clientContext(smuggling)
                        .build()))
        .isInstanceOf(InvalidRequestContentException.class)
        .hasMessageContaining("Client context must be a valid Base64-encoded JSON object");
  }

  @Test
  void aClientContextOfOneJsonObject_spreadOverLines_isPassedOn() {
    String context =
        Base64.getEncoder()
            .encodeToString(
                "{\r\n  \"custom\": {\"who\": \"fanout\"}\r\n}".getBytes(StandardCharsets.UTF_8));

    InvokeResponse response =
        lambda.invoke(
            LambdaTestClients.request("NapFunction", "{\"millis\":1}").toBuilder()
                .clientContext(context)
                .build());

    assertThat(response.functionError()).isNull();
  }

  @Test
  void aPayloadOver6Mb_isRefusedWithRequestTooLarge() {
    String big = "{\"pad\":\"" + "x".repeat(6 * 1024 * 1024) + "\"}";

    assertThatThrownBy(() -> lambda.invoke(LambdaTestClients.request("NapFunction", big)))
        .isInstanceOf(RequestTooLargeException.class)
        .hasMessageContaining("Request must be smaller than 6291456 bytes");
  }
}
