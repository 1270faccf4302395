package dev.fanout.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.localcloud.lambda.LocalLambdaOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
