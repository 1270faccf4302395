package dev.fanout.localcloud.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CloudFormationYamlTest {

  @ParameterizedTest
  @EnumSource(Intrinsic.class)
  void everyShortForm_readsAsItsLongForm(Intrinsic function) {
    Intrinsic.Form form = function.forms().iterator().next();
    String node =
        switch (form) {
          case SCALAR -> function == Intrinsic.GET_ATT ? "Queue.Arn" : "Name";
          case SEQUENCE -> "[a, b]";
          case MAPPING -> "{Name: x}";
        };
    Object expected =
        switch (form) {
          case SCALAR -> function == Intrinsic.GET_ATT ? List.of("Queue", "Arn") : "Name";
          case SEQUENCE -> List.of("a", "b");
          case MAPPING -> Map.of("Name", "x");
        };

    assertThat(value("!" + function.tag() + " " + node))
        .isEqualTo(Map.of(function.key(), expected));
  }

  @Test
  void getAtt_readsTheSameFromItsStringAndListForms_splittingAtTheFirstDot() {
    assertThat(value("!GetAtt Db.Endpoint.Address"))
        .isEqualTo(Map.of("Fn::GetAtt", List.of("Db", "Endpoint.Address")));
    assertThat(value("!GetAtt [Queue, Arn]"))
        .isEqualTo(Map.of("Fn::GetAtt", List.of("Queue", "Arn")));
  }

  @Test
  void nestedShortForms_readAsNestedLongForms() {
    assertThat(value("!If [IsProd, !Sub '${Stage}-x', !Join ['/', [!Ref A, !GetAtt B.Arn]]]"))
        .isEqualTo(
            Map.of(
                "Fn::If",
                List.of(
                    "IsProd",
                    Map.of("Fn::Sub", "${Stage}-x"),
                    Map.of(
                        "Fn::Join",
                        List.of(
                            "/",
                            List.of(
                                Map.of("Ref", "A"), Map.of("Fn::GetAtt", List.of("B", "Arn"))))))));
    assertThat(value("!Select [0, !Split [',', !ImportValue {'Fn::Sub': '${Net}-Subnets'}]]"))
        .isEqualTo(
            Map.of(
                "Fn::Select",
                List.of(
                    0,
                    Map.of(
                        "Fn::Split",
                        List.of(
                            ",",
                            Map.of("Fn::ImportValue", Map.of("Fn::Sub", "${Net}-Subnets")))))));
  }

  @Test
  void longForms_areReadAsWritten() {
    assertThat(value("{Fn::GetAtt: [Queue, Arn]}"))
        .isEqualTo(Map.of("Fn::GetAtt", List.of("Queue", "Arn")));
  }

  @Test
  void anUnquotedDate_staysTheStringItIs() {
    Template template = Template.parse("AWSTemplateFormatVersion: 2010-09-09\n", "t.yaml");

    assertThat(template.document()).containsEntry("AWSTemplateFormatVersion", "2010-09-09");
  }

  @Test
  void theDocument_isUnmodifiable() {
    Map<String, Object> document = Template.parse("Description: x\n", "t.yaml").document();

    assertThatThrownBy(() -> document.put("Resources", Map.of()))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aTagOnTheWrongKindOfNode_isOneErrorSayingWhereAndWhatItTakes() {
    assertThatThrownBy(() -> value("!Ref [a, b]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "t.yaml is not valid CloudFormation YAML: line 2, column 6: !Ref takes a scalar, not"
                + " a list");
    assertThatThrownBy(() -> value("!If IsProd"))
        .hasMessageContaining("line 2, column 6: !If takes a list, not a scalar");
    assertThatThrownBy(() -> value("!Join {a: b}"))
        .hasMessageContaining("!Join takes a list, not a mapping");
  }

  @Test
  void anUnknownTag_isRefusedNamingTheShortForms() {
    assertThatThrownBy(() -> value("!Reff Bucket"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2, column 6: !Reff is not a CloudFormation intrinsic function")
        .hasMessageContaining("!Ref, !Condition, !Sub, !GetAtt");
  }

  @Test
  void aShortGetAttWithoutAnAttribute_isRefused() {
    assertThatThrownBy(() -> value("!GetAtt Queue"))
        .hasMessageContaining("!GetAtt takes Resource.Attribute (e.g. !GetAtt Queue.Arn)");
  }

  @Test
  void aRefWithoutAName_isRefused() {
    assertThatThrownBy(() -> value("!Ref ''")).hasMessageContaining("!Ref needs a name");
  }

  @Test
  void aKeyGivenTwice_isRefused_asCloudFormationDoes() {
    assertThatThrownBy(
            () -> Template.parse("Resources:\n  A: {Type: X}\n  A: {Type: Y}\n", "t.yaml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("t.yaml is not valid CloudFormation YAML: line 3")
        .hasMessageContaining("duplicate key A");
  }

  @Test
  void notYaml_isOneErrorWithItsLine() {
    assertThatThrownBy(() -> Template.parse("Resources:\n  A: [unclosed\n", "bad.yaml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("bad.yaml is not valid CloudFormation YAML: line 3");
  }

  @Test
  void aDocumentThatIsNotAMapping_isNoTemplate() {
    assertThatThrownBy(() -> Template.parse("- a\n- b\n", "list.yaml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "list.yaml is not a template: it is a list, where a template is a mapping of"
                + " sections (Parameters, Resources ...)");
    assertThatThrownBy(() -> Template.parse("", "empty.yaml"))
        .hasMessage("empty.yaml is empty: a template needs Resources");
  }

  private static Object value(String yaml) {
    return Template.parse("Metadata:\n  V: " + yaml + "\n", "t.yaml").document().get("Metadata")
            instanceof Map<?, ?> metadata
        ? metadata.get("V")
        : null;
  }
}
