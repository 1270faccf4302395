package dev.fanout.localcloud.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamTemplateTest {
  private static final String TEMPLATE =
      """
      Parameters:
        Memory: {Type: Number, Default: 512}
        Reserved: {Type: Number, Default: 0}
        Stage: {Type: String, Default: dev}
      Conditions:
        IsReserved: !Not [!Equals [!Ref Reserved, '0']]
        IsProd: !Equals [!Ref Stage, prod]
      Globals:
        Function:
          Runtime: java21
          MemorySize: !Ref Memory
          Timeout: 30
          ReservedConcurrentExecutions: !If [IsReserved, !Ref Reserved, !Ref AWS::NoValue]
          Environment:
            Variables:
              SHARED: global
              OVERRIDDEN: global
      Resources:
        Bucket:
          Type: AWS::S3::Bucket
        One:
          Type: AWS::Serverless::Function
          Properties:
            Handler: a.B::handle
            Environment:
              Variables:
                OVERRIDDEN: own
                BUCKET: !Ref Bucket
                ARN: !GetAtt Bucket.Arn
                NAME: !Sub '${Stage}-${AWS::Region}'
                MODE: !If [IsProd, fast, slow]
                LIST: [a, b]
        Two:
          Type: AWS::Serverless::Function
          Properties:
            Handler: a.B::handle
            Runtime: python3.12
        Three:
          Type: AWS::Lambda::Function
          Properties:
            Handler: c.D::handle
            MemorySize: 256
        ProdOnly:
          Type: AWS::Serverless::Function
          Condition: IsProd
          Properties:
            Handler: e.F::handle
      """;

  @Test
  void eachFunction_becomesAFunctionConfig_fromItsResolvedPropertiesAndGlobals() {
    SamTemplate template = parse(Map.of());

    FunctionConfig one = function(template, "One");
    assertThat(one.handler()).isEqualTo("a.B::handle");
    assertThat(one.runtime()).isEqualTo("java21");
    assertThat(one.memoryMb()).isEqualTo(512);
    assertThat(one.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(one.reserved()).isEmpty();
    assertThat(one.alias()).isEmpty();
    assertThat(one.environment())
        .containsEntry("SHARED", "global")
        .containsEntry("OVERRIDDEN", "own")
        .containsEntry("NAME", "dev-eu-west-1")
        .containsEntry("MODE", "slow")
        .doesNotContainKeys("BUCKET", "ARN", "LIST");
  }

  @Test
  void variablesOnlyADeployedStackKnows_areLeftOut_sayingWhatTheyNeed() {
    SamTemplate template = parse(Map.of());

    assertThat(template.warnings())
        .contains(
            "One: environment variable BUCKET left out: !Ref Bucket (a resource, known once the"
                + " stack is deployed) cannot be resolved locally (set it with an environment"
                + " override)")
        .anySatisfy(
            w ->
                assertThat(w)
                    .startsWith("One: environment variable ARN left out: !GetAtt Bucket.Arn"))
        .contains("One: environment variable LIST left out, not a scalar");
  }

  @Test
  void nonJavaFunctions_areSkipped_andPlainLambdaFunctionsGetNoGlobals() {
    SamTemplate template = parse(Map.of());

    assertThat(template.functions())
        .extracting(FunctionConfig::name)
        .containsExactly("One", "Three");
    FunctionConfig three = function(template, "Three");
    assertThat(three.memoryMb()).isEqualTo(256);
    assertThat(three.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(three.environment()).isEmpty();
  }

  @Test
  void parameterOverrides_replaceDefaults_andDriveConditions() {
    SamTemplate template = parse(Map.of("Reserved", "2", "Stage", "prod", "Memory", "2048"));

    FunctionConfig one = function(template, "One");
    assertThat(one.reservedConcurrency()).isEqualTo(2);
    assertThat(one.memoryMb()).isEqualTo(2048);
    assertThat(one.environment()).containsEntry("MODE", "fast");
    assertThat(template.functions()).extracting(FunctionConfig::name).contains("ProdOnly");
  }

  @Test
  void aFunctionWhoseConditionIsFalse_isSkipped_withAWarning() {
    SamTemplate template = parse(Map.of());

    assertThat(template.functions()).extracting(FunctionConfig::name).doesNotContain("ProdOnly");
    assertThat(template.warnings()).contains("ProdOnly: skipped, its condition IsProd is false");
  }

  @Test
  void aPropertyThatCannotBeResolved_fallsBackToSamsDefault_withAWarning() {
    String yaml =
        """
        Resources:
          Table: {Type: AWS::DynamoDB::Table}
          F:
            Type: AWS::Serverless::Function
            Properties: {Handler: a.B::handle, MemorySize: !GetAtt Table.Size}
        """;

    SamTemplate template =
        SamTemplate.parse(new StringReader(yaml), "t.yaml", Map.of(), "eu-west-1");

    assertThat(function(template, "F").memoryMb()).isEqualTo(128);
    assertThat(template.warnings())
        .singleElement()
        .asString()
        .startsWith("F.MemorySize: !GetAtt Table.Size")
        .endsWith("using 128");
  }

  @Test
  void aPropertyThatIsNoNumber_isRefusedNamingIt() {
    String yaml =
        """
        Resources:
          F:
            Type: AWS::Serverless::Function
            Properties: {Handler: a.B::handle, Timeout: soon}
        """;

    assertThatThrownBy(
            () -> SamTemplate.parse(new StringReader(yaml), "t.yaml", Map.of(), "eu-west-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("F.Timeout must be a whole number, got 'soon'");
  }

  @Test
  void unknownParameterOverride_isRefusedNamingTheParameters() {
    assertThatThrownBy(() -> parse(Map.of("Nope", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Nope")
        .hasMessageContaining("Memory");
  }

  @Test
  void theRepositoryTemplate_definesAFunctionPerUnit() {
    SamTemplate template = SamTemplate.read(LambdaTestClients.template(), Map.of(), "us-east-1");

    assertThat(template.functions())
        .extracting(FunctionConfig::name)
        .containsExactlyInAnyOrder(
            "DownloadFunction",
            "ImageFunction",
            "ScrapeFunction",
            "NapFunction",
            "SumsqFunction",
            "FibFunction",
            "PowerloopFunction",
            "TransferFunction",
            "OrderFunction",
            "GrillFunction",
            "BurgerFunction",
            "SaladFunction",
            "WashFunction",
            "CoffeeFunction",
            "TakeOrdersFunction",
            "CookPattiesFunction",
            "MakeBurgersFunction");
    // Without its queues in a local SQS a stage's mapping has nothing to poll: skipped, said so.
    assertThat(template.queueTriggers()).isEmpty();
    assertThat(template.warnings())
        .anyMatch(w -> w.startsWith("TakeOrdersFunction.Events.Orders: skipped"));
    FunctionConfig fib = function(template, "FibFunction");
    assertThat(fib.handler())
        .isEqualTo("io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest");
    assertThat(fib.environment())
        .containsEntry("QUARKUS_LAMBDA_HANDLER", "fib")
        .containsEntry("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1")
        .containsEntry("FANOUT_FETCH_TIMEOUT", "10s");
    assertThat(fib.reserved()).isEmpty();
    assertThat(fib.timeout()).isEqualTo(Duration.ofSeconds(60));
    // The coffee's own timeout wins over the Globals', so a complex order is binned after 2 s.
    assertThat(function(template, "CoffeeFunction").timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(fib.alias()).isEqualTo("live");
    assertThat(function(template, "ImageFunction").environment())
        .containsEntry("FANOUT_IMAGE_PREFIX", "fanout/")
        .doesNotContainKey("FANOUT_IMAGE_BUCKET");
    // The table is a resource: known after deploying, so a local run must set it itself.
    assertThat(function(template, "TransferFunction").environment())
        .containsEntry("QUARKUS_LAMBDA_HANDLER", "transfer")
        .doesNotContainKey("FANOUT_LEDGER_TABLE");
  }

  @Test
  void notATemplate_isRefused() {
    assertThatThrownBy(
            () -> SamTemplate.parse(new StringReader("- a\n- b\n"), "list.yaml", Map.of(), "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("list.yaml is not a template");
    assertThatThrownBy(() -> SamTemplate.read(Path.of("nope.yaml"), Map.of(), "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no template at nope.yaml");
    assertThatThrownBy(
            () ->
                SamTemplate.parse(new StringReader("Resources: {}\n"), "empty.yaml", Map.of(), "x"))
        .hasMessageContaining("no AWS::Serverless::Function");
  }

  @Test
  void anSqsEvent_onAQueueWhoseVisibilityIsBelowTheFunctionsTimeout_isRefusedAsAwsRefusesIt() {
    String yaml =
        """
        Resources:
          Orders:
            Type: AWS::SQS::Queue
          Taker:
            Type: AWS::Serverless::Function
            Properties:
              Handler: a.B::handle
              Timeout: 40
              Events:
                Arrive:
                  Type: SQS
                  Properties:
                    Queue: !GetAtt Orders.Arn
                    BatchSize: 5
        """;
    Map<String, dev.fanout.localcloud.sqs.LocalQueue> queues =
        Map.of(
            "Orders",
            new dev.fanout.localcloud.sqs.LocalQueue(
                "Orders",
                "Orders",
                "http://127.0.0.1:9324/000000000000/Orders",
                "arn:aws:sqs:us-east-1:000000000000:Orders",
                Duration.ofSeconds(30)));
    dev.fanout.localcloud.template.Template source =
        dev.fanout.localcloud.template.Template.parse(yaml, "t.yaml");
    dev.fanout.localcloud.template.Stack stack =
        dev.fanout.localcloud.template.Stack.local("us-east-1", Map.of());

    assertThatThrownBy(() -> SamTemplate.of(source, stack, queues))
        .hasMessageContaining("Taker.Events.Arrive")
        .hasMessageContaining(
            "VisibilityTimeout (30 s) is less than the function's Timeout (40 s)");

    SamTemplate fits =
        SamTemplate.of(
            dev.fanout.localcloud.template.Template.parse(yaml.replace("40", "30"), "t.yaml"),
            stack,
            queues);
    assertThat(fits.queueTriggers())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.function()).isEqualTo("Taker");
              assertThat(t.batchSize()).isEqualTo(5);
              assertThat(t.queueUrl()).isEqualTo("http://127.0.0.1:9324/000000000000/Orders");
              assertThat(t.maximumConcurrency()).isEmpty();
              assertThat(t.reportBatchItemFailures()).isFalse();
            });
  }

  private static SamTemplate parse(Map<String, String> overrides) {
    return SamTemplate.parse(new StringReader(TEMPLATE), "test.yaml", overrides, "eu-west-1");
  }

  private static FunctionConfig function(SamTemplate template, String name) {
    return template.functions().stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aLayerOfTheTemplate_withItsContentHere_putsItsJarsOnTheFunctionsClassPath(@TempDir Path dir)
      throws Exception {
    Path lib = Files.createDirectories(dir.resolve("build/layer/java/lib"));
    Path unit = Files.writeString(lib.resolve("words.jar"), "jar");
    Files.writeString(lib.resolve("README.txt"), "not a jar");
    Path file =
        Files.writeString(
            dir.resolve("template.yaml"),
            """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              WordsLayer:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: build/layer
              WordsFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: h::handle
                  Layers:
                    - !Ref WordsLayer
                    - arn:aws:lambda:us-east-1:123456789012:layer:published:1
            """);

    SamTemplate template = SamTemplate.read(file, Map.of(), "us-east-1");

    assertThat(template.functions().getFirst().layerJars()).containsExactly(unit);
    assertThat(template.warnings())
        .anySatisfy(
            warning ->
                assertThat(warning)
                    .startsWith("WordsFunction: layer arn:aws:lambda:")
                    .contains("left out"));
  }

  @Test
  void aLayerWhoseContentIsNotBuilt_isRefusedSayingWhere(@TempDir Path dir) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("template.yaml"),
            """
            Resources:
              WordsLayer:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: target/layer
              WordsFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: h::handle
                  Layers: [!Ref WordsLayer]
            """);

    assertThatThrownBy(() -> SamTemplate.read(file, Map.of(), "us-east-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WordsLayer: no Java layer at " + dir.resolve("target/layer"));
  }
}
