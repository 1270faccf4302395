package dev.fanout.localcloud.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.localcloud.template.Unresolved.AttributeRef;
import dev.fanout.localcloud.template.Unresolved.Expression;
import dev.fanout.localcloud.template.Unresolved.ImportedValue;
import dev.fanout.localcloud.template.Unresolved.MissingParameter;
import dev.fanout.localcloud.template.Unresolved.ResourceRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResolverTest {
  private static final String TEMPLATE =
      """
      Parameters:
        Memory: {Type: Number, Default: 512}
        Reserved: {Type: Number, Default: 0}
        Stage: {Type: String, Default: dev}
        Zones: {Type: CommaDelimitedList, Default: 'a,b,c'}
        Secret: {Type: String}
        Ami: {Type: 'AWS::SSM::Parameter::Value<String>', Default: /images/latest}
      Conditions:
        IsReserved: !Not [!Equals [!Ref Reserved, 0]]
        IsProd: !Equals [!Ref Stage, prod]
        IsProdAndReserved: !And [!Condition IsProd, !Condition IsReserved]
        IsProdOrReserved: !Or [!Condition IsProd, !Condition IsReserved]
        HasSecret: !Equals [!Ref Secret, x]
      Mappings:
        Sizes:
          dev: {Memory: 256}
          prod: {Memory: 2048}
      Resources:
        Bucket:
          Type: AWS::S3::Bucket
        Prod:
          Type: AWS::S3::Bucket
          Condition: IsProd
        Maybe:
          Type: AWS::S3::Bucket
          Condition: HasSecret
      """;

  private final Template template = Template.parse(TEMPLATE, "test.yaml");

  @Test
  void refs_resolveParametersAndPseudoParameters() {
    Resolver resolver = resolver(Map.of());

    assertThat(resolve(resolver, "!Ref Memory")).isEqualTo("512");
    assertThat(resolve(resolver, "!Ref Zones")).isEqualTo(List.of("a", "b", "c"));
    assertThat(resolve(resolver, "!Ref AWS::Region")).isEqualTo("eu-west-1");
    assertThat(resolve(resolver, "!Ref AWS::AccountId")).isEqualTo(Stack.LOCAL_ACCOUNT_ID);
    assertThat(resolve(resolver, "!Ref AWS::Partition")).isEqualTo("aws");
    assertThat(resolve(resolver, "!Ref AWS::StackName")).isEqualTo("local");
    assertThat(resolve(resolver, "!Ref AWS::URLSuffix")).isEqualTo("amazonaws.com");
    assertThat(resolve(resolver, "!Ref AWS::StackId"))
        .isEqualTo(
            "arn:aws:cloudformation:eu-west-1:000000000000:stack/local/"
                + "00000000-0000-0000-0000-000000000000");
    assertThat(resolver.warnings()).isEmpty();
  }

  @Test
  void noValue_removesThePropertyOrItemHoldingIt() {
    Resolver resolver = resolver(Map.of());

    assertThat(resolve(resolver, "{A: 1, B: !Ref AWS::NoValue, C: [x, !Ref AWS::NoValue]}"))
        .isEqualTo(Map.of("A", 1, "C", List.of("x")));
    assertThat(resolver.resolve("V", Map.of("Ref", "AWS::NoValue"))).isEmpty();
  }

  @Test
  void parameterOverrides_replaceDefaults_andDriveConditions() {
    Resolver defaults = resolver(Map.of());
    Resolver prod = resolver(Map.of("Stage", "prod", "Reserved", "2"));

    assertThat(defaults.condition("IsProd")).contains(false);
    assertThat(defaults.condition("IsReserved")).contains(false);
    assertThat(defaults.condition("IsProdOrReserved")).contains(false);
    assertThat(prod.condition("IsProd")).contains(true);
    assertThat(prod.condition("IsProdAndReserved")).contains(true);
    assertThat(resolve(prod, "!If [IsProd, fast, slow]")).isEqualTo("fast");
    assertThat(resolve(defaults, "!If [IsProd, fast, slow]")).isEqualTo("slow");
    assertThat(defaults.creates(template.resource("Prod").orElseThrow())).isFalse();
    assertThat(prod.creates(template.resource("Prod").orElseThrow())).isTrue();
    assertThat(prod.creates(template.resource("Bucket").orElseThrow())).isTrue();
  }

  @Test
  void anOverrideOfNoParameter_isRefusedNamingTheParameters() {
    assertThatThrownBy(() -> resolver(Map.of("Nope", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the template has no parameter Nope; its parameters are [Memory, Reserved, Stage,"
                + " Zones, Secret, Ami]");
  }

  @Test
  void aParameterWithoutValue_staysUnresolved_sayingHowToGiveIt() {
    Resolver resolver = resolver(Map.of());

    assertThat(resolve(resolver, "!Ref Secret"))
        .isEqualTo(
            new MissingParameter("Secret", "it has no Default: pass it as a parameter override"));
    assertThat(resolve(resolver, "!Ref Ami"))
        .isInstanceOfSatisfying(
            MissingParameter.class, m -> assertThat(m.reason()).contains("SSM"));
    assertThat(resolver(Map.of("Ami", "ami-1")).parameterValues()).containsEntry("Ami", "ami-1");
    assertThat(resolver.condition("HasSecret")).isEmpty();
    assertThat(resolver.creates(template.resource("Maybe").orElseThrow())).isTrue();
    assertThat(resolver.warnings())
        .singleElement()
        .asString()
        .contains("Resources.Maybe.Condition", "HasSecret", "taken as true");
  }

  @Test
  void sub_replacesParametersPseudoParametersAndItsOwnVariables() {
    Resolver resolver = resolver(Map.of());

    assertThat(resolve(resolver, "!Sub '${Stage}-${AWS::Region}-${!Literal}'"))
        .isEqualTo("dev-eu-west-1-${Literal}");
    assertThat(resolve(resolver, "!Sub ['${Name}/${Stage}', {Name: !Join ['-', [a, b]]}]"))
        .isEqualTo("a-b/dev");
  }

  @Test
  void valueFunctions_evaluateNestedIntrinsics() {
    Resolver resolver = resolver(Map.of("Stage", "prod"));

    assertThat(resolve(resolver, "!Join ['/', [!Ref Stage, !If [IsProd, big, small], x]]"))
        .isEqualTo("prod/big/x");
    assertThat(resolve(resolver, "!Select [1, !Ref Zones]")).isEqualTo("b");
    assertThat(resolve(resolver, "!Select ['2', !Split [',', 'x,y,z']]")).isEqualTo("z");
    assertThat(resolve(resolver, "!Split ['/', 'a//b']")).isEqualTo(List.of("a", "", "b"));
    assertThat(resolve(resolver, "!FindInMap [Sizes, !Ref Stage, Memory]")).isEqualTo(2048);
    assertThat(resolve(resolver, "!FindInMap [Sizes, test, Memory, {DefaultValue: 128}]"))
        .isEqualTo(128);
    assertThat(resolve(resolver, "!Base64 {'Fn::Sub': '${Stage}'}")).isEqualTo("cHJvZA==");
    assertThat(resolve(resolver, "{Fn::Length: !Ref Zones}")).isEqualTo(3);
  }

  @Test
  void resourcesAttributesAndImports_stayTypedReferences_withoutWarnings() {
    Resolver resolver = resolver(Map.of());

    assertThat(resolve(resolver, "!Ref Bucket")).isEqualTo(new ResourceRef("Bucket"));
    assertThat(resolve(resolver, "!GetAtt Bucket.Arn"))
        .isEqualTo(new AttributeRef("Bucket", "Arn"));
    assertThat(resolve(resolver, "{Fn::GetAtt: Bucket.DomainName}"))
        .isEqualTo(new AttributeRef("Bucket", "DomainName"));
    assertThat(resolve(resolver, "!ImportValue {'Fn::Sub': '${Stage}-vpc'}"))
        .isEqualTo(new ImportedValue("dev-vpc"));
    assertThat(resolve(resolver, "!Select [0, [!GetAtt Bucket.Arn, x]]"))
        .isEqualTo(new AttributeRef("Bucket", "Arn"));
    assertThat(resolver.warnings()).isEmpty();
  }

  @Test
  void functionsOverUnresolvedValues_stayUnresolved_namingWhatTheyNeed() {
    Resolver resolver = resolver(Map.of());

    Object sub = resolve(resolver, "!Sub 'arn:${AWS::Partition}:s3:::${Bucket}/${Bucket.Arn}'");
    assertThat(sub)
        .isEqualTo(
            new Expression(
                "Fn::Sub",
                "arn:${AWS::Partition}:s3:::${Bucket}/${Bucket.Arn}",
                List.of(new ResourceRef("Bucket"), new AttributeRef("Bucket", "Arn"))));
    assertThat(((Unresolved) sub).describe())
        .contains("!Ref Bucket (a resource", "!GetAtt Bucket.Arn (an attribute");
    assertThat(resolve(resolver, "!Join ['', [!GetAtt Bucket.Arn, '/*']]"))
        .isInstanceOfSatisfying(
            Expression.class,
            e -> assertThat(e.causes()).containsExactly(new AttributeRef("Bucket", "Arn")));
    assertThat(resolve(resolver, "!If [HasSecret, a, b]"))
        .isInstanceOfSatisfying(
            Expression.class,
            e -> assertThat(e.describe()).contains("!Ref Secret (it has no Default"));
    assertThat(resolve(resolver, "!Select [0, !GetAZs '']"))
        .isInstanceOfSatisfying(
            Expression.class,
            e ->
                assertThat(e.causes())
                    .containsExactly(new Expression("Fn::GetAZs", "", List.of())));
  }

  @Test
  void andOr_areDecidedByAKnownOperand_whateverTheUnknownOnes() {
    Resolver resolver = resolver(Map.of());

    assertThat(resolve(resolver, "!And [!Condition HasSecret, !Condition IsProd]"))
        .isEqualTo(false);
    assertThat(resolve(resolver, "!Or [!Condition HasSecret, !Not [!Condition IsProd]]"))
        .isEqualTo(true);
    assertThat(resolve(resolver, "!Or [!Condition HasSecret, !Condition IsProd]"))
        .isInstanceOf(Expression.class);
  }

  @Test
  void namesTheTemplateDoesNotDefine_areTakenForGeneratedResources_withAWarning() {
    Resolver resolver = resolver(Map.of());

    assertThat(resolve(resolver, "!Ref ServerlessRestApi"))
        .isEqualTo(new ResourceRef("ServerlessRestApi"));
    assertThat(resolve(resolver, "!GetAtt FnRole.Arn"))
        .isEqualTo(new AttributeRef("FnRole", "Arn"));
    assertThat(resolve(resolver, "{Fn::Nope: x}"))
        .isEqualTo(new Expression("Fn::Nope", "x", List.of()));
    assertThat(resolver.warnings())
        .hasSize(3)
        .anySatisfy(w -> assertThat(w).startsWith("test.yaml: V.Ref: ServerlessRestApi is no"))
        .anySatisfy(w -> assertThat(w).contains("FnRole is no resource of the template"))
        .anySatisfy(w -> assertThat(w).contains("Fn::Nope is no intrinsic function"));
  }

  @Test
  void malformedCalls_areErrorsSayingWhereAndWhatTheFunctionTakes() {
    Resolver resolver = resolver(Map.of());

    assertThatThrownBy(() -> resolve(resolver, "!If [IsProd, a]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "test.yaml: V.Fn::If takes [Condition, value if true, value if false], got [IsProd,"
                + " a]");
    assertThatThrownBy(() -> resolve(resolver, "!If [IsTuesday, a, b]"))
        .hasMessageContaining("names the condition IsTuesday, which Conditions do not define");
    assertThatThrownBy(() -> resolve(resolver, "!Select [5, [a]]"))
        .hasMessageContaining("selects item 5 of a list of 1 items");
    assertThatThrownBy(() -> resolve(resolver, "!FindInMap [Sizes, test, Memory]"))
        .hasMessageContaining("Mappings has no Sizes.test.Memory");
    assertThatThrownBy(() -> resolve(resolver, "!Not [maybe]"))
        .hasMessageContaining("is not a condition: Fn::Not takes Fn::Equals");
    assertThatThrownBy(() -> resolve(resolver, "!Sub ['${X}', {X: [a]}]"))
        .hasMessageContaining("variable ${X} must stand for a string");
  }

  @Test
  void propertiesWrittenAsAnIf_resolveWhole_orAreRefusedWhenItsConditionIsUnknown() {
    Template conditional =
        Template.parse(
            """
            Parameters: {Secret: {Type: String}, Stage: {Type: String, Default: dev}}
            Conditions: {IsProd: !Equals [!Ref Stage, prod], HasSecret: !Equals [!Ref Secret, x]}
            Resources:
              A: {Type: AWS::SQS::Queue, Properties: !If [IsProd, {DelaySeconds: 5}, !Ref AWS::NoValue]}
              B: {Type: AWS::SQS::Queue, Properties: !If [HasSecret, {DelaySeconds: 5}, {}]}
            """,
            "p.yaml");
    Resolver dev = conditional.resolver(Stack.local("x", Map.of()));
    Resolver prod = conditional.resolver(Stack.local("x", Map.of("Stage", "prod")));

    assertThat(dev.properties(conditional.resource("A").orElseThrow())).isEmpty();
    assertThat(prod.properties(conditional.resource("A").orElseThrow()))
        .isEqualTo(Map.of("DelaySeconds", 5));
    assertThatThrownBy(() -> dev.properties(conditional.resource("B").orElseThrow()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("p.yaml: Resources.B.Properties cannot be resolved here")
        .hasMessageContaining("!Ref Secret");
  }

  @Test
  void aConditionThatDependsOnItself_isRefused() {
    Template cyclic =
        Template.parse(
            "Conditions:\n  A: !Not [!Condition B]\n  B: !Not [!Condition A]\n", "c.yaml");

    assertThatThrownBy(() -> cyclic.resolver(Stack.local("x", Map.of())).condition("A"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("c.yaml: Conditions.A depends on itself, through A -> B");
  }

  private Resolver resolver(Map<String, String> overrides) {
    return template.resolver(Stack.local("eu-west-1", overrides));
  }

  /** One value written in YAML, as the template's Metadata holds it, resolved. */
  private static Object resolve(Resolver resolver, String yaml) {
    Template holder = Template.parse("Metadata: {V: " + yaml + "}\n", "value.yaml");
    Object written = ((Map<?, ?>) holder.document().get("Metadata")).get("V");
    Optional<Object> resolved = resolver.resolve("V", written);
    return resolved.orElse(null);
  }
}
