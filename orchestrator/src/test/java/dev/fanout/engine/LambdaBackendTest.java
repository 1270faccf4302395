package dev.fanout.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.fanout.localcloud.lambda.LocalLambdaOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a run's choice of Lambda backend becomes the local service's options (nothing started). */
class LambdaBackendTest {
  private static final Path TEMPLATE = Path.of("template.yaml");
  private static final Path ZIP = Path.of("function.zip");
  private static final LocalLambdaOptions SERVICE_DEFAULTS =
      LocalLambdaOptions.defaults(TEMPLATE, ZIP);

  private static LambdaChoice choice(Integer maxInstances, Duration idleTimeout) {
    return new LambdaChoice(null, false, null, Map.of(), maxInstances, idleTimeout);
  }

  @Test
  void idleTimeout_given_isTheServicesIdleTimeout() {
    LocalLambdaOptions options =
        LambdaBackend.localOptions(choice(null, Duration.ofMillis(500)), Map.of(), TEMPLATE, ZIP);

    assertThat(options.idleTimeout()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void idleTimeout_notGiven_leavesTheServicesOwn() {
    LocalLambdaOptions options =
        LambdaBackend.localOptions(LambdaChoice.local(), Map.of(), TEMPLATE, ZIP);

    assertThat(options.idleTimeout()).isEqualTo(SERVICE_DEFAULTS.idleTimeout());
  }

  @Test
  void idleTimeoutByDefault_isTheServicesUnlessTheUserGaveOne() {
    Duration lunch = Duration.ofSeconds(2);

    assertThat(
            LambdaBackend.localOptions(
                    LambdaChoice.local().withIdleTimeoutByDefault(lunch), Map.of(), TEMPLATE, ZIP)
                .idleTimeout())
        .isEqualTo(lunch);
    assertThat(
            LambdaBackend.localOptions(
                    choice(null, Duration.ofSeconds(9)).withIdleTimeoutByDefault(lunch),
                    Map.of(),
                    TEMPLATE,
                    ZIP)
                .idleTimeout())
        .isEqualTo(Duration.ofSeconds(9));
  }

  @Test
  void idleTimeoutByDefault_leavesAnEndpointAlone() {
    LambdaChoice endpoint =
        new LambdaChoice(URI.create("http://127.0.0.1:3001"), false, null, Map.of(), null, null);

    assertThat(endpoint.withIdleTimeoutByDefault(Duration.ofSeconds(2))).isSameAs(endpoint);
  }

  @Test
  void maxInstances_given_orTwoPerCoreAtMost() {
    int cores = Runtime.getRuntime().availableProcessors();

    assertThat(
            LambdaBackend.localOptions(choice(3, null), Map.of(), TEMPLATE, ZIP)
                .maxInstancesPerFunction())
        .isEqualTo(3);
    assertThat(
            LambdaBackend.localOptions(LambdaChoice.local(), Map.of(), TEMPLATE, ZIP)
                .maxInstancesPerFunction())
        .isEqualTo(Math.min(SERVICE_DEFAULTS.maxInstancesPerFunction(), 2 * cores));
  }

  @Test
  void environment_reachesEveryInstance() {
    LocalLambdaOptions options =
        LambdaBackend.localOptions(
            LambdaChoice.local(), Map.of("FANOUT_LEDGER_TABLE", "t"), TEMPLATE, ZIP);

    assertThat(options.environmentOverrides()).containsEntry("FANOUT_LEDGER_TABLE", "t");
  }

  /**
   * --aws with no region anywhere (no variable, an empty config file, an instance-metadata service
   * that knows none) is us-east-1, as the help says; choosing it calls nothing but that metadata
   * service, a canary on 127.0.0.1 here.
   */
  @Test
  void aws_withNoRegionConfiguredAnywhere_isUsEast1(@TempDir Path temp) throws IOException {
    assumeTrue(
        System.getenv("AWS_REGION") == null && System.getenv("AWS_DEFAULT_REGION") == null,
        "this machine's environment names a region");
    Path empty = Files.createFile(temp.resolve("empty-config"));
    List<String> asked = new CopyOnWriteArrayList<>();
    HttpServer metadata =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    metadata.createContext(
        "/",
        exchange -> {
          asked.add(exchange.getRequestURI().getPath());
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        });
    metadata.start();
    Map<String, String> properties = new HashMap<>();
    properties.put("aws.configFile", empty.toString());
    properties.put("aws.sharedCredentialsFile", empty.toString());
    properties.put(
        "aws.ec2MetadataServiceEndpoint", "http://127.0.0.1:" + metadata.getAddress().getPort());
    properties.put("aws.region", null);
    properties.put("aws.profile", null);
    Map<String, String> saved = new HashMap<>();
    properties.forEach(
        (name, value) -> {
          saved.put(name, System.getProperty(name));
          if (value == null) {
            System.clearProperty(name);
          } else {
            System.setProperty(name, value);
          }
        });
    try (LambdaBackend backend =
        LambdaBackend.open(
            new LambdaChoice(null, true, null, Map.of(), null, null),
            Map.of(),
            OwnFunctions.NONE)) {
      assertThat(backend.target.region()).isEqualTo("us-east-1");
      assertThat(backend.target.endpoint()).isNull();
      assertThat(asked).allMatch(path -> path.startsWith("/latest/"));
    } finally {
      saved.forEach(
          (name, value) -> {
            if (value == null) {
              System.clearProperty(name);
            } else {
              System.setProperty(name, value);
            }
          });
      metadata.stop(0);
    }
  }
}
