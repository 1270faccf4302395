package dev.fanout.localcloud.template;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * CloudFormation's intrinsic functions: each one's long-form key ({@code Fn::Sub}), its short-form
 * YAML tag ({@code !Sub}) and the YAML node kinds the short form takes, in one place.
 */
public enum Intrinsic {
  REF("Ref", "a name", Form.SCALAR),
  CONDITION("Condition", "a condition's name", Form.SCALAR),
  SUB("Fn::Sub", "a string, or [string, {Variable: value}]", Form.SCALAR, Form.SEQUENCE),
  GET_ATT("Fn::GetAtt", "Resource.Attribute, or [Resource, Attribute]", Form.SCALAR, Form.SEQUENCE),
  IF("Fn::If", "[Condition, value if true, value if false]", Form.SEQUENCE),
  EQUALS("Fn::Equals", "[value, value]", Form.SEQUENCE),
  NOT("Fn::Not", "[condition]", Form.SEQUENCE),
  AND("Fn::And", "[condition, condition, ...] (2 to 10)", Form.SEQUENCE),
  OR("Fn::Or", "[condition, condition, ...] (2 to 10)", Form.SEQUENCE),
  JOIN("Fn::Join", "[delimiter, [values]]", Form.SEQUENCE),
  SELECT("Fn::Select", "[index, [values]]", Form.SEQUENCE),
  SPLIT("Fn::Split", "[delimiter, string]", Form.SEQUENCE),
  FIND_IN_MAP(
      "Fn::FindInMap",
      "[MapName, TopLevelKey, SecondLevelKey] and optionally {DefaultValue: value}",
      Form.SEQUENCE),
  IMPORT_VALUE("Fn::ImportValue", "an export's name", Form.SCALAR, Form.MAPPING),
  BASE64("Fn::Base64", "a string", Form.SCALAR, Form.MAPPING),
  CIDR("Fn::Cidr", "[ipBlock, count, cidrBits]", Form.SEQUENCE),
  GET_AZS("Fn::GetAZs", "a region, or ''", Form.SCALAR, Form.MAPPING),
  // AWS::LanguageExtensions
  LENGTH("Fn::Length", "a list", Form.SEQUENCE, Form.MAPPING),
  TO_JSON_STRING("Fn::ToJsonString", "a mapping or a list", Form.SEQUENCE, Form.MAPPING),
  TRANSFORM("Fn::Transform", "{Name: macro, Parameters: {...}}", Form.MAPPING),
  // The Rules section's own functions
  CONTAINS("Fn::Contains", "[[values], value]", Form.SEQUENCE),
  EACH_MEMBER_EQUALS("Fn::EachMemberEquals", "[[values], value]", Form.SEQUENCE),
  EACH_MEMBER_IN("Fn::EachMemberIn", "[[values], [values]]", Form.SEQUENCE),
  REF_ALL("Fn::RefAll", "a parameter type", Form.SCALAR),
  VALUE_OF("Fn::ValueOf", "[parameter, attribute]", Form.SEQUENCE),
  VALUE_OF_ALL("Fn::ValueOfAll", "[parameter type, attribute]", Form.SEQUENCE);

  /** The YAML node kinds a short form may tag. */
  enum Form {
    SCALAR("a scalar"),
    SEQUENCE("a list"),
    MAPPING("a mapping");

    private final String label;

    Form(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }
  }

  private static final Map<String, Intrinsic> BY_KEY =
      Arrays.stream(values()).collect(Collectors.toMap(Intrinsic::key, Function.identity()));
  private static final Map<String, Intrinsic> BY_TAG =
      Arrays.stream(values()).collect(Collectors.toMap(Intrinsic::tag, Function.identity()));

  private final String key;
  private final String usage;
  private final Set<Form> forms;

  Intrinsic(String key, String usage, Form first, Form... more) {
    this.key = key;
    this.usage = usage;
    this.forms = EnumSet.of(first, more);
  }

  /** The long form's key, e.g. {@code Fn::GetAtt} or {@code Ref}. */
  public String key() {
    return key;
  }

  /** The short form's tag without its {@code !}, e.g. {@code GetAtt}. */
  public String tag() {
    return key.startsWith("Fn::") ? key.substring("Fn::".length()) : key;
  }

  /** What its argument is, for errors, e.g. {@code [delimiter, [values]]}. */
  public String usage() {
    return usage;
  }

  Set<Form> forms() {
    return forms;
  }

  /** The function whose long form has this key. */
  public static Optional<Intrinsic> ofKey(String key) {
    return Optional.ofNullable(BY_KEY.get(key));
  }

  /** The function whose short form has this tag (without its {@code !}). */
  public static Optional<Intrinsic> ofTag(String tag) {
    return Optional.ofNullable(BY_TAG.get(tag));
  }

  /** Every short-form tag, e.g. {@code !Ref, !Sub, ...}, for error messages. */
  static String tags() {
    return Arrays.stream(values()).map(i -> "!" + i.tag()).collect(Collectors.joining(", "));
  }

  /**
   * Whether a value is an intrinsic function call in long form: a mapping of one key that is {@code
   * Ref}, {@code Condition} or starts with {@code Fn::}. This is SAM's rule, so an unknown {@code
   * Fn::} function counts too, and a property that happens to be a one-key mapping named {@code
   * Condition} does as well.
   */
  public static boolean isCall(Object value) {
    if (!(value instanceof Map<?, ?> map) || map.size() != 1) {
      return false;
    }
    String key = String.valueOf(map.keySet().iterator().next());
    return key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::");
  }
}
