package dev.fanout.localcloud.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.localcloud.lambda.pool.InstanceId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceLauncherTest {
  private static final FunctionConfig FIB =
      new FunctionConfig(
          "FibFunction",
          "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest",
          "java21",
          1024,
          Duration.ofSeconds(60),
          Map.of(
              "QUARKUS_LAMBDA_HANDLER", "fib",
              "FANOUT_ALLOW_LOCAL_TARGETS", "false",
              "AWS_LAMBDA_FUNCTION_NAME", "sneaky"),
          0,
          "live");

  private final InstanceLauncher launcher =
      new InstanceLauncher(
          Map.of("FibFunction", Path.of("/task")),
          new RuntimeInterfaceClient(
              List.of(Path.of("/ric.jar"), Path.of("/core.jar")), Path.of("/jni.so")),
          Path.of("/logs"),
          "eu-west-1",
          Map.of("FANOUT_ALLOW_LOCAL_TARGETS", "true"),
          null,
          Runnable::run);

  @Test
  void command_isTheLambdaJavaRuntimes() {
    List<String> command = launcher.command(FIB);

    assertThat(command.get(0)).endsWith("/bin/java");
    assertThat(command)
        .contains(
            "-XX:+TieredCompilation",
            "-XX:TieredStopAtLevel=1",
            "-Xmx870m",
            "-D" + RuntimeInterfaceClient.JNI_PROPERTY + "=/jni.so",
            "/ric.jar:/core.jar");
    assertThat(command.subList(command.size() - 2, command.size()))
        .containsExactly(RuntimeInterfaceClient.MAIN_CLASS, FIB.handler());
  }

  @Test
  void environment_templateThenOverridesThenLambdasOwn() {
    Map<String, String> environment =
        launcher.environment(
            FIB, "127.0.0.1:4000", new InstanceProcess(new InstanceId("FibFunction", 3)));

    assertThat(environment)
        .containsEntry("QUARKUS_LAMBDA_HANDLER", "fib")
        .containsEntry("FANOUT_ALLOW_LOCAL_TARGETS", "true")
        .containsEntry("AWS_LAMBDA_FUNCTION_NAME", "FibFunction")
        .containsEntry("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:4000")
        .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024")
        .containsEntry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .containsEntry("AWS_LAMBDA_FUNCTION_TIMEOUT", "60")
        .containsEntry("AWS_REGION", "eu-west-1")
        .containsEntry("LAMBDA_TASK_ROOT", "/task")
        .containsEntry("_HANDLER", FIB.handler());
  }

  @Test
  void environment_hasLocalDummyCredentials_andNoWayToTheServicesRealOnes() {
    Map<String, String> own =
        Map.of(
            "PATH", "/usr/bin",
            "AWS_ACCESS_KEY_ID", "AKIAREALKEY000000000",
            "AWS_SECRET_ACCESS_KEY", "real-secret",
            "AWS_SESSION_TOKEN", "real-token",
            "AWS_PROFILE", "production",
            "AWS_CONFIG_FILE", "/home/me/.aws/config",
            "AWS_SHARED_CREDENTIALS_FILE", "/home/me/.aws/credentials",
            "AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://169.254.169.254",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.2/creds");

    Map<String, String> environment =
        launcher.environment(
            FIB, "127.0.0.1:4000", new InstanceProcess(new InstanceId("FibFunction", 3)), own);

    assertThat(environment)
        .containsEntry("PATH", "/usr/bin")
        .containsEntry("AWS_ACCESS_KEY_ID", "fanout")
        .containsEntry("AWS_SECRET_ACCESS_KEY", "local")
        .containsEntry("AWS_EC2_METADATA_DISABLED", "true")
        .doesNotContainKeys(
            "AWS_PROFILE",
            "AWS_CONFIG_FILE",
            "AWS_SHARED_CREDENTIALS_FILE",
            "AWS_EC2_METADATA_SERVICE_ENDPOINT",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "AWS_WEB_IDENTITY_TOKEN_FILE",
            "AWS_SESSION_TOKEN");
  }

  @Test
  void heap_is85PercentOfMemory_atLeast64Mb() {
    assertThat(InstanceLauncher.heapMb(128)).isEqualTo(108);
    assertThat(InstanceLauncher.heapMb(10_240)).isEqualTo(8704);
  }
}
