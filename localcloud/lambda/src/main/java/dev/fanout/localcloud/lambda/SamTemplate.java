package dev.fanout.localcloud.lambda;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the functions of a SAM template: each {@code AWS::Serverless::Function} (and plain {@code
 * AWS::Lambda::Function}) with the template's Globals merged into its Properties, and the intrinsic
 * functions a local run can resolve (Ref to parameters and pseudo parameters, Sub, If, Equals, Not,
 * And, Or, Join, Condition) resolved. What cannot be resolved locally (a Ref to a resource, GetAtt,
 * ImportValue) is left out, with a warning.
 */
final class SamTemplate {
  static final String ACCOUNT_ID = "000000000000";

  private static final Set<String> FUNCTION_TYPES =
      Set.of("AWS::Serverless::Function", "AWS::Lambda::Function");
  private static final int SAM_DEFAULT_MEMORY_MB = 128;
  private static final int SAM_DEFAULT_TIMEOUT_SECONDS = 3;
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

  /** A value that cannot be resolved locally; the property holding it is skipped. */
  private static final Object UNRESOLVED = new Object();

  /** AWS::NoValue: the property holding it is removed, as CloudFormation does. */
  private static final Object NO_VALUE = new Object();

  private final List<FunctionConfig> functions;
  private final List<String> warnings;

  private SamTemplate(List<FunctionConfig> functions, List<String> warnings) {
    this.functions = List.copyOf(functions);
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Reads the template at {@code path}.
   *
   * @param parameterOverrides values for the template's Parameters, replacing their Default (as
   *     {@code sam local --parameter-overrides} does)
   * @param region what {@code AWS::Region} resolves to
   * @throws IllegalArgumentException when the file is missing, is not YAML, or has no function
   */
  static SamTemplate read(Path path, Map<String, String> parameterOverrides, String region) {
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(
          "no SAM template at " + path + ": pass the path of template.yaml");
    }
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return parse(reader, path.toString(), parameterOverrides, region);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the SAM template " + path, e);
    }
  }

  static SamTemplate parse(
      Reader reader, String source, Map<String, String> parameterOverrides, String region) {
    Object document;
    try {
      document = new Yaml(new CloudFormationConstructor()).load(reader);
    } catch (YAMLException e) {
      throw new IllegalArgumentException(
          source + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    if (!(document instanceof Map<?, ?> root)) {
      throw new IllegalArgumentException(source + " is not a SAM template: it is not a mapping");
    }
    List<String> warnings = new ArrayList<>();
    Resolver resolver = new Resolver(root, parameterOverrides, region, warnings);
    Map<?, ?> globals = map(map(root.get("Globals")).get("Function"));
    List<FunctionConfig> functions = new ArrayList<>();
    for (Map.Entry<?, ?> resource : map(root.get("Resources")).entrySet()) {
      Map<?, ?> body = map(resource.getValue());
      Object type = body.get("Type");
      if (!FUNCTION_TYPES.contains(String.valueOf(type))) {
        continue;
      }
      String name = String.valueOf(resource.getKey());
      Map<?, ?> properties = map(body.get("Properties"));
      Map<Object, Object> merged =
          "AWS::Serverless::Function".equals(type)
              ? mergeGlobals(globals, properties)
              : new LinkedHashMap<>(properties);
      FunctionConfig function = function(name, merged, resolver, warnings);
      if (function != null) {
        functions.add(function);
      }
    }
    if (functions.isEmpty()) {
      throw new IllegalArgumentException(
          source + " defines no AWS::Serverless::Function under Resources");
    }
    return new SamTemplate(functions, warnings);
  }

  List<FunctionConfig> functions() {
    return functions;
  }

  /** What was left out, e.g. an environment variable set from a resource's attribute. */
  List<String> warnings() {
    return warnings;
  }

  private static FunctionConfig function(
      String name, Map<Object, Object> properties, Resolver resolver, List<String> warnings) {
    String runtime = resolver.string(name + ".Runtime", properties.get("Runtime"), "java21");
    if (!runtime.startsWith("java")) {
      warnings.add(name + ": skipped, its runtime " + runtime + " is not a Java runtime");
      return null;
    }
    String handler = resolver.string(name + ".Handler", properties.get("Handler"), "");
    if (handler.isEmpty()) {
      warnings.add(name + ": skipped, it has no Handler");
      return null;
    }
    int memory =
        resolver.integer(name + ".MemorySize", properties.get("MemorySize"), SAM_DEFAULT_MEMORY_MB);
    int timeout =
        resolver.integer(name + ".Timeout", properties.get("Timeout"), SAM_DEFAULT_TIMEOUT_SECONDS);
    int reserved =
        resolver.integer(
            name + ".ReservedConcurrentExecutions",
            properties.get("ReservedConcurrentExecutions"),
            0);
    String alias =
        resolver.string(name + ".AutoPublishAlias", properties.get("AutoPublishAlias"), "");
    Map<String, String> environment = new LinkedHashMap<>();
    Map<?, ?> variables = map(map(properties.get("Environment")).get("Variables"));
    for (Map.Entry<?, ?> variable : variables.entrySet()) {
      String key = String.valueOf(variable.getKey());
      Object value = resolver.resolve(variable.getValue());
      if (value == UNRESOLVED) {
        warnings.add(
            name
                + ": environment variable "
                + key
                + " left out, its value cannot be resolved locally (set it with an environment"
                + " override)");
      } else if (value != NO_VALUE && value != null) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
          warnings.add(name + ": environment variable " + key + " left out, it is not a scalar");
        } else {
          environment.put(key, String.valueOf(value));
        }
      }
    }
    return new FunctionConfig(
        name, handler, runtime, memory, Duration.ofSeconds(timeout), environment, reserved, alias);
  }

  /** SAM's rule: maps merge key by key (the function wins), lists and scalars are replaced. */
  private static Map<Object, Object> mergeGlobals(Map<?, ?> globals, Map<?, ?> properties) {
    Map<Object, Object> merged = new LinkedHashMap<>(globals);
    for (Map.Entry<?, ?> property : properties.entrySet()) {
      Object global = merged.get(property.getKey());
      if (global instanceof Map<?, ?> globalMap
          && property.getValue() instanceof Map<?, ?> ownMap
          && !isIntrinsic(globalMap)
          && !isIntrinsic(ownMap)) {
        merged.put(property.getKey(), mergeGlobals(globalMap, ownMap));
      } else {
        merged.put(property.getKey(), property.getValue());
      }
    }
    return merged;
  }

  private static boolean isIntrinsic(Map<?, ?> map) {
    if (map.size() != 1) {
      return false;
    }
    String key = String.valueOf(map.keySet().iterator().next());
    return key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::");
  }

  private static Map<?, ?> map(Object value) {
    return value instanceof Map<?, ?> map ? map : Map.of();
  }

  /** Evaluates the intrinsic functions that need nothing but the template itself. */
  private static final class Resolver {
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final Map<?, ?> conditions;
    private final Set<String> resources;
    private final String region;
    private final List<String> warnings;
    private final Set<String> evaluating = new HashSet<>();

    Resolver(Map<?, ?> root, Map<String, String> overrides, String region, List<String> warnings) {
      for (Map.Entry<?, ?> parameter : map(root.get("Parameters")).entrySet()) {
        Object fallback = map(parameter.getValue()).get("Default");
        if (fallback != null) {
          parameters.put(String.valueOf(parameter.getKey()), scalar(fallback));
        }
      }
      for (Map.Entry<String, String> override : overrides.entrySet()) {
        if (!map(root.get("Parameters")).containsKey(override.getKey())) {
          throw new IllegalArgumentException(
              "the template has no parameter "
                  + override.getKey()
                  + "; its parameters are "
                  + map(root.get("Parameters")).keySet());
        }
        parameters.put(override.getKey(), override.getValue());
      }
      this.conditions = map(root.get("Conditions"));
      Set<String> names = new HashSet<>();
      map(root.get("Resources")).keySet().forEach(name -> names.add(String.valueOf(name)));
      this.resources = names;
      this.region = region;
      this.warnings = warnings;
    }

    String string(String what, Object raw, String fallback) {
      Object value = raw == null ? NO_VALUE : resolve(raw);
      if (value == NO_VALUE || value == null) {
        return fallback;
      }
      if (value == UNRESOLVED || value instanceof Map<?, ?> || value instanceof List<?>) {
        warnings.add(what + " cannot be resolved locally; using " + fallback);
        return fallback;
      }
      return scalar(value);
    }

    int integer(String what, Object raw, int fallback) {
      String value = string(what, raw, Integer.toString(fallback));
      try {
        return Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            what + " must be a whole number, got '" + value + "'", e);
      }
    }

    Object resolve(Object value) {
      if (value instanceof Map<?, ?> map) {
        if (isIntrinsic(map)) {
          Map.Entry<?, ?> only = map.entrySet().iterator().next();
          return intrinsic(String.valueOf(only.getKey()), only.getValue());
        }
        Map<Object, Object> resolved = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          Object item = resolve(entry.getValue());
          if (item == UNRESOLVED) {
            return UNRESOLVED;
          }
          if (item != NO_VALUE) {
            resolved.put(entry.getKey(), item);
          }
        }
        return resolved;
      }
      if (value instanceof List<?> list) {
        List<Object> resolved = new ArrayList<>();
        for (Object element : list) {
          Object item = resolve(element);
          if (item == UNRESOLVED) {
            return UNRESOLVED;
          }
          if (item != NO_VALUE) {
            resolved.add(item);
          }
        }
        return resolved;
      }
      return value;
    }

    private Object intrinsic(String function, Object argument) {
      return switch (function) {
        case "Ref" -> ref(String.valueOf(argument));
        case "Fn::Sub" -> sub(argument);
        case "Fn::If" -> fnIf(argument);
        case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or", "Condition" -> {
          Boolean result = condition(Map.of(function, argument));
          yield result == null ? UNRESOLVED : result;
        }
        case "Fn::Join" -> join(argument);
        default -> UNRESOLVED; // GetAtt, ImportValue, FindInMap, ...: not known before deploying
      };
    }

    private Object ref(String name) {
      return switch (name) {
        case "AWS::NoValue" -> NO_VALUE;
        case "AWS::Region" -> region;
        case "AWS::AccountId" -> ACCOUNT_ID;
        case "AWS::Partition" -> "aws";
        case "AWS::URLSuffix" -> "amazonaws.com";
        case "AWS::StackName" -> "local";
        default -> {
          String parameter = parameters.get(name);
          if (parameter != null) {
            yield parameter;
          }
          if (!resources.contains(name)) {
            warnings.add("Ref to an unknown name " + name);
          }
          yield UNRESOLVED;
        }
      };
    }

    private Object sub(Object argument) {
      String text;
      Map<?, ?> variables = Map.of();
      if (argument instanceof List<?> list && list.size() == 2) {
        text = String.valueOf(list.get(0));
        variables = map(list.get(1));
      } else if (argument instanceof String string) {
        text = string;
      } else {
        return UNRESOLVED;
      }
      Matcher matcher = SUB_VARIABLE.matcher(text);
      StringBuilder out = new StringBuilder();
      while (matcher.find()) {
        String name = matcher.group(1);
        String replacement;
        if (name.startsWith("!")) {
          replacement = "${" + name.substring(1) + "}";
        } else {
          Object value =
              variables.containsKey(name) ? resolve(variables.get(name)) : ref(name.trim());
          if (value == UNRESOLVED || value == NO_VALUE || name.contains(".")) {
            return UNRESOLVED;
          }
          replacement = scalar(value);
        }
        matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
      }
      matcher.appendTail(out);
      return out.toString();
    }

    private Object fnIf(Object argument) {
      if (!(argument instanceof List<?> list) || list.size() != 3) {
        return UNRESOLVED;
      }
      Boolean test = condition(Map.of("Condition", list.get(0)));
      if (test == null) {
        return UNRESOLVED;
      }
      return resolve(test ? list.get(1) : list.get(2));
    }

    private Object join(Object argument) {
      if (!(argument instanceof List<?> list)
          || list.size() != 2
          || !(resolve(list.get(1)) instanceof List<?> parts)) {
        return UNRESOLVED;
      }
      List<String> strings = new ArrayList<>();
      for (Object part : parts) {
        strings.add(scalar(part));
      }
      return String.join(String.valueOf(list.get(0)), strings);
    }

    /** A condition's value, or null when it depends on something unknown locally. */
    private Boolean condition(Object expression) {
      if (expression instanceof Boolean value) {
        return value;
      }
      if (!(expression instanceof Map<?, ?> map) || !isIntrinsic(map)) {
        return null;
      }
      Map.Entry<?, ?> only = map.entrySet().iterator().next();
      String function = String.valueOf(only.getKey());
      Object argument = only.getValue();
      switch (function) {
        case "Condition" -> {
          String name = String.valueOf(argument);
          if (!conditions.containsKey(name) || !evaluating.add(name)) {
            return null;
          }
          try {
            return condition(conditions.get(name));
          } finally {
            evaluating.remove(name);
          }
        }
        case "Fn::Equals" -> {
          if (!(argument instanceof List<?> list) || list.size() != 2) {
            return null;
          }
          Object left = resolve(list.get(0));
          Object right = resolve(list.get(1));
          if (left == UNRESOLVED || right == UNRESOLVED) {
            return null;
          }
          return scalar(left).equals(scalar(right));
        }
        case "Fn::Not" -> {
          Boolean inner =
              argument instanceof List<?> list && list.size() == 1 ? condition(list.get(0)) : null;
          return inner == null ? null : !inner;
        }
        case "Fn::And", "Fn::Or" -> {
          if (!(argument instanceof List<?> list)) {
            return null;
          }
          boolean and = function.equals("Fn::And");
          for (Object element : list) {
            Boolean value = condition(element);
            if (value == null) {
              return null;
            }
            if (value != and) {
              return value;
            }
          }
          return and;
        }
        default -> {
          return null;
        }
      }
    }

    private static String scalar(Object value) {
      return String.valueOf(value);
    }
  }

  /**
   * Builds CloudFormation's short tags (!Ref, !Sub, !GetAtt, !If ...) as their long forms ({@code
   * {Ref: X}}, {@code {Fn::Sub: ...}}), so that the template parses and resolves either way.
   */
  private static final class CloudFormationConstructor extends SafeConstructor {
    CloudFormationConstructor() {
      super(new LoaderOptions());
      yamlMultiConstructors.put(
          "!",
          new AbstractConstruct() {
            @Override
            public Object construct(Node node) {
              String tag = node.getTag().getValue().substring(1);
              String function = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
              Object value =
                  switch (node) {
                    case ScalarNode scalar -> {
                      String text = constructScalar(scalar);
                      yield tag.equals("GetAtt") ? List.of(text.split("\\.", 2)) : text;
                    }
                    case SequenceNode sequence -> constructSequence(sequence);
                    case MappingNode mapping -> constructMapping(mapping);
                    default -> null;
                  };
              return Map.of(function, value == null ? "" : value);
            }
          });
    }
  }
}
