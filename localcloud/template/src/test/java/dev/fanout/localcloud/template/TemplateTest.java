package dev.fanout.localcloud.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateTest {
  private static final String TEMPLATE =
      """
      Parameters:
        Stage: {Type: String, Default: dev, AllowedValues: [dev, prod]}
        Secret: {Type: String}
      Conditions:
        IsProd: !Equals [!Ref Stage, prod]
      Mappings:
        Sizes: {dev: {Memory: 256}}
      Globals:
        Function:
          Runtime: java21
          Timeout: 30
          Layers: [global-layer]
          Tags: !If [IsProd, {Tier: gold}, {Tier: tin}]
          Environment:
            Variables:
              SHARED: global
              OVERRIDDEN: global
      Resources:
        Bucket:
          Type: AWS::S3::Bucket
          Condition: IsProd
          DeletionPolicy: Retain
        One:
          Type: AWS::Serverless::Function
          Properties:
            Handler: a.B::handle
            Timeout: 60
            Layers: [own-layer]
            Tags: {Team: own}
            Environment:
              Variables:
                OVERRIDDEN: own
                OWN: own
        Plain:
          Type: AWS::Lambda::Function
          Properties:
            Handler: c.D::handle
        Lonely:
          Type: AWS::Serverless::Function
          IgnoreGlobals: [Timeout, Layers]
          Properties:
            Handler: e.F::handle
        Hermit:
          Type: AWS::Serverless::Function
          IgnoreGlobals: '*'
      Outputs:
        BucketName:
          Value: !Ref Bucket
          Export: {Name: bucket}
      """;

  private final Template template = Template.parse(TEMPLATE, "test.yaml");

  @Test
  void sections_areReadIntoTheirTypedViews() {
    assertThat(template.source()).isEqualTo("test.yaml");
    assertThat(template.parameters()).containsOnlyKeys("Stage", "Secret");
    assertThat(template.parameters().get("Stage").type()).isEqualTo("String");
    assertThat(template.parameters().get("Stage").defaultValue()).contains("dev");
    assertThat(template.parameters().get("Secret").defaultValue()).isEmpty();
    assertThat(template.conditions())
        .containsEntry("IsProd", Map.of("Fn::Equals", List.of(Map.of("Ref", "Stage"), "prod")));
    assertThat(template.mappings()).containsKey("Sizes");
    assertThat(template.globals()).containsOnlyKeys("Function");
    assertThat(template.resources()).containsOnlyKeys("Bucket", "One", "Plain", "Lonely", "Hermit");
    Resource bucket = template.resource("Bucket").orElseThrow();
    assertThat(bucket.type()).isEqualTo("AWS::S3::Bucket");
    assertThat(bucket.properties()).isEmpty();
    assertThat(bucket.condition()).contains("IsProd");
    assertThat(bucket.attributes()).containsEntry("DeletionPolicy", "Retain");
    assertThat(template.resourcesOfType("AWS::Serverless::Function", "AWS::Lambda::Function"))
        .extracting(Resource::logicalId)
        .containsExactly("One", "Plain", "Lonely", "Hermit");
    Output output = template.outputs().get("BucketName");
    assertThat(output.value()).isEqualTo(Map.of("Ref", "Bucket"));
    assertThat(output.definition()).containsEntry("Export", Map.of("Name", "bucket"));
  }

  @Test
  void globals_mergeIntoServerlessFunctions_asSamDoes() {
    Map<String, Object> one = template.resource("One").orElseThrow().properties();

    assertThat(one)
        .containsEntry("Runtime", "java21")
        .containsEntry("Handler", "a.B::handle")
        // The function's own value wins.
        .containsEntry("Timeout", 60)
        // Lists concatenate, the global entries first.
        .containsEntry("Layers", List.of("global-layer", "own-layer"))
        // An intrinsic function is a value, not a mapping to merge into.
        .containsEntry("Tags", Map.of("Team", "own"))
        // Environment.Variables merge variable by variable.
        .containsEntry(
            "Environment",
            Map.of("Variables", Map.of("SHARED", "global", "OVERRIDDEN", "own", "OWN", "own")));
  }

  @Test
  void globals_skipPlainLambdaFunctions_andWhatIgnoreGlobalsNames() {
    assertThat(template.resource("Plain").orElseThrow().properties())
        .isEqualTo(Map.of("Handler", "c.D::handle"));
    assertThat(template.resource("Lonely").orElseThrow().properties())
        .containsEntry("Runtime", "java21")
        .doesNotContainKeys("Timeout", "Layers");
    assertThat(template.resource("Hermit").orElseThrow().properties()).isEmpty();
  }

  @Test
  void ignoreGlobals_namingAPropertyTheGlobalsDoNotSet_isRefused() {
    String yaml =
        """
        Globals: {Function: {Timeout: 3}}
        Resources:
          F: {Type: AWS::Serverless::Function, IgnoreGlobals: [Runtime]}
        """;

    assertThatThrownBy(() -> Template.parse(yaml, "t.yaml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "t.yaml: Resources.F.IgnoreGlobals names Runtime, which the Globals do not set; they"
                + " set [Timeout]");
  }

  @Test
  void malformedSections_areRefusedSayingWhatIsWrong() {
    assertThatThrownBy(() -> Template.parse("Resource: {}\n", "t.yaml"))
        .hasMessageContaining("t.yaml has unknown top-level sections [Resource]")
        .hasMessageContaining("Resources");
    assertThatThrownBy(() -> Template.parse("Resources: [a]\n", "t.yaml"))
        .hasMessage("t.yaml: Resources must be a mapping, not a list");
    assertThatThrownBy(() -> Template.parse("Resources: {Q: {Properties: {}}}\n", "t.yaml"))
        .hasMessage("t.yaml: Resources.Q has no Type: give it one, e.g. AWS::Serverless::Function");
    assertThatThrownBy(() -> Template.parse("Parameters: {P: {Default: 1}}\n", "t.yaml"))
        .hasMessageContaining("Parameters.P has no Type");
    assertThatThrownBy(() -> Template.parse("Globals: {Functions: {}}\n", "t.yaml"))
        .hasMessageContaining("Globals.Functions is not a SAM Globals section")
        .hasMessageContaining("Function");
    assertThatThrownBy(() -> Template.parse("Outputs: {O: {Description: x}}\n", "t.yaml"))
        .hasMessageContaining("Outputs.O has no Value");
  }

  @Test
  void read_refusesAMissingFile_andReadsOne(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> Template.read(dir.resolve("nope.yaml")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no template at");
    Path file = Files.writeString(dir.resolve("t.yaml"), TEMPLATE);

    assertThat(Template.read(file).source()).isEqualTo(file.toString());
  }
}
