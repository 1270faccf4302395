package dev.fanout.localcloud.lambda;

import static dev.fanout.localcloud.lambda.LambdaTestClients.invoke;
import static dev.fanout.localcloud.lambda.LambdaTestClients.log;
import static dev.fanout.localcloud.lambda.LambdaTestClients.payload;
import static dev.fanout.localcloud.lambda.LambdaTestClients.reportLine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.localcloud.origin.OriginOptions;
import dev.fanout.localcloud.origin.OriginServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * What goes wrong in Lambda, answered as Lambda answers it: an invocation past its timeout, an
 * instance killed mid-invocation, an instance killed while it waits for work.
 */
class LocalLambdaFailuresIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static OriginServer origin;
  private static LocalLambdaService service;
  private static LambdaClient lambda;
  private static LambdaAsyncClient async;

  @BeforeAll
  static void start() {
    LambdaTestClients.assumeFunctionZipBuilt();
    origin = OriginServer.start(OriginOptions.defaults());
    service =
        LocalLambdaService.start(
            LambdaTestClients.options()
                .parameter("Timeout", "2")
                .environment("FANOUT_ALLOW_LOCAL_TARGETS", "true")
                .build());
    lambda = LambdaTestClients.client(service.endpoint());
    async = LambdaTestClients.asyncClient(service.endpoint(), 8);
  }

  @AfterAll
  static void stop() {
    if (async != null) {
      async.close();
    }
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
  void pastItsTimeout_anInvocationIsStopped_andTheNextOneStartsCold() throws Exception {
    // The origin answers after 5 s; the function's timeout is 2 s.
    String slow = "{\"url\":\"" + origin.pageUri("jython") + "?delay=5000\"}";
    long start = System.nanoTime();
    InvokeResponse timedOut = invoke(lambda, "DownloadFunction", slow);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(timedOut.statusCode()).isEqualTo(200);
    assertThat(timedOut.functionError()).isEqualTo("Unhandled");
    JsonNode error = JSON.readTree(payload(timedOut));
    assertThat(error.get("errorType").asText()).isEqualTo("Sandbox.Timedout");
    assertThat(error.get("errorMessage").asText()).contains("Task timed out after 2.00 seconds");
    assertThat(log(timedOut)).contains("Task timed out after 2.00 seconds");
    assertThat(reportLine(timedOut))
        .hasValueSatisfying(r -> assertThat(r).contains("Status: timeout"));
    assertThat(millis).isLessThan(4_500);

    InvokeResponse next =
        invoke(lambda, "DownloadFunction", "{\"url\":\"" + origin.pageUri("jython") + "\"}");
    assertThat(next.functionError()).isNull();
    assertThat(reportLine(next)).hasValueSatisfying(r -> assertThat(r).contains("Init Duration"));
  }

  @Test
  void aComplexCoffee_isStoppedAtTheCoffeeFunctionsOwnTimeout_andAPlainOneIsServed()
      throws Exception {
    // CoffeeFunction sets Timeout: 2 itself, as the others have here. The barista
    // never checks the clock, so Lambda stops it: the coffee goes in the bin.
    InvokeResponse plain =
        invoke(lambda, "CoffeeFunction", "{\"drink\":\"mocha\",\"embellishments\":[\"honey\"]}");
    assertThat(plain.functionError()).as(payload(plain)).isNull();
    assertThat(JSON.readTree(payload(plain)).get("millis").asLong()).isEqualTo(450);

    String complex =
        "{\"drink\":\"mocha\",\"embellishments\":[\"whipped cream\",\"sprinkles\","
            + "\"marshmallows\",\"chocolate flake\"]}";
    InvokeResponse binned = invoke(lambda, "CoffeeFunction", complex);

    assertThat(binned.functionError()).isEqualTo("Unhandled");
    JsonNode error = JSON.readTree(payload(binned));
    assertThat(error.get("errorType").asText()).isEqualTo("Sandbox.Timedout");
    assertThat(error.get("errorMessage").asText()).contains("Task timed out after 2.00 seconds");
  }

  @Test
  void killedMidInvocation_failsThatInvocationOnly_withRuntimeExitError() throws Exception {
    invoke(lambda, "NapFunction", "{\"millis\":1}"); // a warm instance, so the kill hits the nap
    CompletableFuture<InvokeResponse> napping =
        async.invoke(LambdaTestClients.request("NapFunction", "{\"millis\":1200}"));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (service.runningCounts().get("NapFunction") == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    Thread.sleep(200); // the runtime has read the event and is napping
    List<ProcessHandle> instances = instancesOf("NapFunction");
    assertThat(instances).hasSize(1);
    instances.get(0).destroyForcibly(); // SIGKILL, as kill -9

    InvokeResponse killed = napping.get();
    assertThat(killed.functionError()).isEqualTo("Unhandled");
    JsonNode error = JSON.readTree(payload(killed));
    assertThat(error.get("errorType").asText()).isEqualTo("Runtime.ExitError");
    assertThat(error.get("errorMessage").asText())
        .isEqualTo(
            "RequestId: "
                + killed.responseMetadata().requestId()
                + " Error: Runtime exited with error: signal: killed");

    InvokeResponse after = invoke(lambda, "NapFunction", "{\"millis\":1}");
    assertThat(after.functionError()).isNull();
    assertThat(reportLine(after)).hasValueSatisfying(r -> assertThat(r).contains("Init Duration"));
  }

  @Test
  void killedWhileIdle_theNextEventIsNotLost() throws Exception {
    invoke(lambda, "SumsqFunction", "{\"n\":4}");
    List<ProcessHandle> instances = instancesOf("SumsqFunction");
    assertThat(instances).hasSize(1);

    // Killed while its GET /next is pending; the next invocation must run elsewhere.
    instances.get(0).destroyForcibly();
    InvokeResponse next = invoke(lambda, "SumsqFunction", "{\"n\":4}");

    assertThat(next.functionError()).as(payload(next) + "\n" + log(next)).isNull();
    assertThat(JSON.readTree(payload(next)).get("sum").asText()).isEqualTo("14");
    instances.get(0).onExit().get();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (service.instanceCounts().get("SumsqFunction") != 1 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(service.instanceCounts()).containsEntry("SumsqFunction", 1);
  }

  /** The service's child processes running {@code function}, found by their command line. */
  private static List<ProcessHandle> instancesOf(String function) {
    return ProcessHandle.current()
        .children()
        .filter(ProcessHandle::isAlive)
        .filter(
            p ->
                p.info()
                    .arguments()
                    .map(List::of)
                    .orElse(List.of())
                    .contains("-Dlocallambda.function=" + function))
        .toList();
  }
}
