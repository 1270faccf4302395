package dev.fanout.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.localcloud.template.Template;
import dev.fanout.pipeline.Menu;
import dev.fanout.plan.Workloads;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A deployed stack's outputs read through the SDK's CloudFormation client from a fake of
 * CloudFormation on 127.0.0.1, and turned into the functions' and the ledger table's names.
 */
class DeployedStackTest {
  private static final Map<String, String> DEPLOYED =
      Map.of(
          "FibFunctionName", "fanout-FibFunction-1A2B3C",
          "SumsqFunctionName", "fanout-SumsqFunction-4D5E6F",
          "LedgerTableName", "fanout-LedgerTable-7G8H9I");

  private static FakeCloudFormation cloudFormation;

  @BeforeAll
  static void start() throws IOException {
    cloudFormation =
        FakeCloudFormation.start(
            Map.of("fanout", DEPLOYED, "bare", Map.of("ImagesBucketName", "fanout-images-1")));
  }

  @AfterAll
  static void stop() {
    cloudFormation.close();
  }

  @Test
  void read_describesTheNamedStack_signedWithTheLocalKeyInTheGivenRegion() {
    int before = cloudFormation.requests().size();

    DeployedStack stack = DeployedStack.read("fanout", cloudFormation.endpoint(), "eu-west-1");

    assertThat(stack.functions(List.of("fib", "sumsq"), Map.of()))
        .containsExactly(
            Map.entry("fib", "fanout-FibFunction-1A2B3C"),
            Map.entry("sumsq", "fanout-SumsqFunction-4D5E6F"));
    assertThat(stack.ledgerTable()).isEqualTo("fanout-LedgerTable-7G8H9I");
    assertThat(cloudFormation.requests().subList(before, cloudFormation.requests().size()))
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.action()).isEqualTo("DescribeStacks");
              assertThat(request.stackName()).isEqualTo("fanout");
              assertThat(request.accessKey()).isEqualTo("fanout");
              assertThat(request.region()).isEqualTo("eu-west-1");
              assertThat(request.service()).isEqualTo("cloudformation");
            });
  }

  @Test
  void functionsGivenByName_winOverTheStacks() {
    DeployedStack stack = DeployedStack.read("fanout", cloudFormation.endpoint(), null);

    assertThat(stack.functions(List.of("fib", "sumsq"), Map.of("fib", "my-fib")))
        .containsEntry("fib", "my-fib")
        .containsEntry("sumsq", "fanout-SumsqFunction-4D5E6F")
        .hasSize(2);
  }

  @Test
  void aUnitGivenByName_needsNoOutput() {
    DeployedStack stack = DeployedStack.read("bare", cloudFormation.endpoint(), null);

    assertThat(stack.functions(List.of("fib"), Map.of("fib", "my-fib")))
        .containsExactly(Map.entry("fib", "my-fib"));
  }

  @Test
  void aStackThatDoesNotExist_isOneLineNamingIt() {
    assertThatThrownBy(() -> DeployedStack.read("gone", cloudFormation.endpoint(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--stack gone: no such stack in the CloudFormation at http://")
        .hasMessageContaining("Stack with id gone does not exist")
        .hasMessageContaining("sam deploy")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aMissingFunctionOutput_namesTheOutputAndTheUnitThatNeedsIt() {
    DeployedStack stack = DeployedStack.read("bare", cloudFormation.endpoint(), null);

    assertThatThrownBy(() -> stack.functions(List.of("fib"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--stack bare has no output FibFunctionName, which the unit fib")
        .hasMessageContaining("--function fib=NAME");
  }

  @Test
  void aMissingLedgerTableOutput_namesIt() {
    DeployedStack stack = DeployedStack.read("bare", cloudFormation.endpoint(), null);

    assertThatThrownBy(stack::ledgerTable)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "--stack bare has no output LedgerTableName, which the unit transfer")
        .hasMessageContaining("--table NAME");
  }

  @Test
  void aCloudFormationThatDoesNotAnswer_isOneLineSayingWhere() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + closed);

    assertThatThrownBy(() -> DeployedStack.read("fanout", nowhere, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "--stack fanout: cannot read it from the CloudFormation at " + nowhere)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void templateYaml_exportsTheOutputOfEveryFunctionARunInvokesByName_andTheLedgerTable() {
    List<String> units = new ArrayList<>(Workloads.NAMES);
    units.add("transfer");
    for (Menu menu : Menu.values()) {
      units.addAll(menu.unitsInvokedOnLambda());
    }

    Map<String, ?> outputs = Template.read(ProjectFiles.template()).outputs();

    for (String unit : units) {
      assertThat(outputs).as(unit).containsKey(DeployedStack.functionOutput(unit));
    }
    assertThat(outputs).containsKey(DeployedStack.LEDGER_TABLE_OUTPUT);
  }
}
