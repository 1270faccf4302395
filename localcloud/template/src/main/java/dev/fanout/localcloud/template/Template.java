package dev.fanout.localcloud.template;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A CloudFormation or SAM template, read: its Parameters, Conditions, Mappings, Globals, Resources
 * and Outputs, every value in long form ({@code !Ref X} reads as {@code {Ref: X}}). SAM's Globals
 * are merged into each {@code AWS::Serverless::*} resource by SAM's rules (the resource's own value
 * wins, mappings merge key by key, lists concatenate, {@code IgnoreGlobals} is honoured). A {@link
 * Resolver} evaluates the intrinsic functions for a {@link Stack}.
 *
 * <p>{@code !GetAtt Queue.Arn} reads as CloudFormation's documented long form, {@code {Fn::GetAtt:
 * [Queue, Arn]}} (split at the first dot); a long form written as the string {@code Queue.Arn} is
 * kept as written and resolved the same. Stricter than snakeyaml and like CloudFormation: a
 * duplicate key, a tag that is no intrinsic function, a tag on the wrong kind of node ({@code !Ref
 * [a, b]}), an unknown top-level section or Globals section, and a resource without a Type are
 * errors; an unquoted date stays a string.
 */
public final class Template {
  private static final Set<String> SECTIONS =
      Set.of(
          "AWSTemplateFormatVersion",
          "Description",
          "Metadata",
          "Parameters",
          "Rules",
          "Mappings",
          "Conditions",
          "Transform",
          "Globals",
          "Resources",
          "Outputs");

  private final String source;
  private final Map<String, Object> document;
  private final Map<String, Parameter> parameters = new LinkedHashMap<>();
  private final Map<String, Object> conditions;
  private final Map<String, Object> mappings;
  private final Map<String, Map<String, Object>> globals = new LinkedHashMap<>();
  private final Map<String, Resource> resources = new LinkedHashMap<>();
  private final Map<String, Output> outputs = new LinkedHashMap<>();

  private Template(String source, Map<String, Object> document) {
    this.source = source;
    this.document = document;
    Set<String> unknown = new TreeSet<>(document.keySet());
    unknown.removeAll(SECTIONS);
    if (!unknown.isEmpty()) {
      throw invalid(
          "",
          "has unknown top-level sections "
              + unknown
              + "; a template's sections are "
              + new TreeSet<>(SECTIONS));
    }
    section("Parameters")
        .forEach(
            (name, value) -> {
              Map<String, Object> definition = mapping("Parameters." + name, value);
              if (!(definition.get("Type") instanceof String type)) {
                throw invalid(
                    "Parameters." + name,
                    "has no Type: give it one, e.g. String, Number or CommaDelimitedList");
              }
              parameters.put(name, new Parameter(name, type, definition));
            });
    this.conditions = section("Conditions");
    this.mappings = section("Mappings");
    section("Globals")
        .forEach(
            (name, value) -> {
              if (!Globals.SECTIONS.contains(name)) {
                throw invalid(
                    "Globals." + name,
                    "is not a SAM Globals section; they are " + new TreeSet<>(Globals.SECTIONS));
              }
              globals.put(name, mapping("Globals." + name, value));
            });
    section("Resources").forEach((id, value) -> resources.put(id, resource(id, value)));
    section("Outputs")
        .forEach(
            (name, value) -> {
              Map<String, Object> definition = mapping("Outputs." + name, value);
              if (!definition.containsKey("Value")) {
                throw invalid("Outputs." + name, "has no Value: say what the output is");
              }
              outputs.put(name, new Output(name, definition.get("Value"), definition));
            });
  }

  /**
   * Reads the template at {@code path}.
   *
   * @throws IllegalArgumentException when there is no file, or it is not a template
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Template read(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(
          "no template at " + path + ": pass the path of a CloudFormation or SAM template");
    }
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return parse(reader, path.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the template " + path, e);
    }
  }

  /**
   * Reads a template.
   *
   * @param source what to call it in errors, e.g. its path
   * @throws IllegalArgumentException when it is not YAML or not a template, saying where and why
   */
  public static Template parse(Reader reader, String source) {
    Object document = CloudFormationYaml.load(reader, source);
    if (document == null) {
      throw new IllegalArgumentException(source + " is empty: a template needs Resources");
    }
    if (!(document instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(
          source
              + " is not a template: it is "
              + kind(document)
              + ", where a template is a mapping of sections (Parameters, Resources ...)");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> root = (Map<String, Object>) map;
    return new Template(source, root);
  }

  /** Reads a template from text, e.g. one written in a test. */
  public static Template parse(String yaml, String source) {
    return parse(new StringReader(yaml), source);
  }

  /** What errors call it, e.g. its path. */
  public String source() {
    return source;
  }

  /** The whole template as written, in long form. */
  public Map<String, Object> document() {
    return document;
  }

  public Map<String, Parameter> parameters() {
    return Collections.unmodifiableMap(parameters);
  }

  /** Each condition's expression, in long form; {@link Resolver#condition} evaluates one. */
  public Map<String, Object> conditions() {
    return conditions;
  }

  public Map<String, Object> mappings() {
    return mappings;
  }

  /** The Globals by section ({@code Function}, {@code Api} ...), as written. */
  public Map<String, Map<String, Object>> globals() {
    return Collections.unmodifiableMap(globals);
  }

  /** The resources by logical id, in the template's order, Globals merged in. */
  public Map<String, Resource> resources() {
    return Collections.unmodifiableMap(resources);
  }

  public Optional<Resource> resource(String logicalId) {
    return Optional.ofNullable(resources.get(logicalId));
  }

  /** The resources of any of these types, in the template's order. */
  public List<Resource> resourcesOfType(String... types) {
    Set<String> wanted = Set.of(types);
    return resources.values().stream().filter(r -> wanted.contains(r.type())).toList();
  }

  public Map<String, Output> outputs() {
    return Collections.unmodifiableMap(outputs);
  }

  /**
   * A resolver of this template's intrinsic functions for a stack.
   *
   * @throws IllegalArgumentException when an override names no parameter of the template
   */
  public Resolver resolver(Stack stack) {
    return new Resolver(this, stack);
  }

  IllegalArgumentException invalid(String path, String problem) {
    return new IllegalArgumentException(
        source + (path.isEmpty() ? " " : ": " + path + " ") + problem);
  }

  private Resource resource(String id, Object value) {
    String path = "Resources." + id;
    Map<String, Object> definition = mapping(path, value);
    if (!(definition.get("Type") instanceof String type)) {
      throw invalid(path, "has no Type: give it one, e.g. AWS::Serverless::Function");
    }
    Object written = definition.get("Properties");
    Map<String, Object> properties =
        written == null ? Map.of() : mapping(path + ".Properties", written);
    Map<String, Object> attributes = new LinkedHashMap<>(definition);
    attributes.remove("Type");
    attributes.remove("Properties");
    if (type.startsWith(Globals.SERVERLESS)) {
      Map<String, Object> global = globals.get(type.substring(Globals.SERVERLESS.length()));
      if (global != null) {
        properties =
            Globals.merge(ignoring(path, global, attributes.get("IgnoreGlobals")), properties);
      }
    }
    return new Resource(id, type, properties, attributes);
  }

  /** The globals left once a resource's IgnoreGlobals ("*" or a list of names) is applied. */
  private Map<String, Object> ignoring(String path, Map<String, Object> global, Object ignored) {
    if (ignored == null) {
      return global;
    }
    if ("*".equals(ignored)) {
      return Map.of();
    }
    if (!(ignored instanceof List<?> names)) {
      throw invalid(path + ".IgnoreGlobals", "must be \"*\" or a list of Globals properties");
    }
    Map<String, Object> kept = new LinkedHashMap<>(global);
    for (Object name : names) {
      if (kept.remove(String.valueOf(name)) == null && !global.containsKey(String.valueOf(name))) {
        throw invalid(
            path + ".IgnoreGlobals",
            "names " + name + ", which the Globals do not set; they set " + global.keySet());
      }
    }
    return kept;
  }

  private Map<String, Object> section(String name) {
    Object value = document.get(name);
    return value == null ? Map.of() : mapping(name, value);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> mapping(String path, Object value) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw invalid(path, "must be a mapping, not " + kind(value));
  }

  static String kind(Object value) {
    return switch (value) {
      case null -> "empty";
      case Map<?, ?> map -> "a mapping";
      case List<?> list -> "a list";
      default -> "the scalar '" + value + "'";
    };
  }
}
