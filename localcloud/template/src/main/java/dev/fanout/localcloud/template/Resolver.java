package dev.fanout.localcloud.template;

import dev.fanout.localcloud.template.Unresolved.AttributeRef;
import dev.fanout.localcloud.template.Unresolved.Expression;
import dev.fanout.localcloud.template.Unresolved.ImportedValue;
import dev.fanout.localcloud.template.Unresolved.MissingParameter;
import dev.fanout.localcloud.template.Unresolved.ResourceRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates a template's intrinsic functions for one {@link Stack}: Ref to parameters and pseudo
 * parameters, Sub, If with the Conditions, Equals, Not, And, Or, Join, Select, Split, FindInMap,
 * Base64, Length. What only a deployed stack knows stays in place as a typed {@link Unresolved}: a
 * Ref to a resource, GetAtt, ImportValue, and any function over one of them. AWS::NoValue removes
 * the property or list element holding it, as CloudFormation does. A call with malformed arguments
 * ({@code !If [a, b]}) is an error naming where it is. Not thread-safe: it caches the conditions
 * and collects warnings.
 */
public final class Resolver {
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

  /** AWS::NoValue, until the map or list holding it drops it. */
  private static final Object NO_VALUE = new Object();

  private final Template template;
  private final Stack stack;
  private final Map<String, Object> parameterValues = new LinkedHashMap<>();
  private final Map<String, Object> conditionValues = new HashMap<>();
  private final Set<String> evaluating = new LinkedHashSet<>();
  private final Set<String> warnings = new LinkedHashSet<>();
  private final ValueFunctions values;

  Resolver(Template template, Stack stack) {
    this.template = template;
    this.stack = stack;
    this.values = new ValueFunctions(template);
    for (String name : stack.parameterOverrides().keySet()) {
      if (!template.parameters().containsKey(name)) {
        throw new IllegalArgumentException(
            "the template has no parameter "
                + name
                + "; its parameters are "
                + template.parameters().keySet());
      }
    }
    template
        .parameters()
        .values()
        .forEach(
            p -> parameterValues.put(p.name(), p.value(stack.parameterOverrides().get(p.name()))));
  }

  public Stack stack() {
    return stack;
  }

  /** Each parameter's value: a string, a list of strings, or a {@link MissingParameter}. */
  public Map<String, Object> parameterValues() {
    return Collections.unmodifiableMap(parameterValues);
  }

  /**
   * A resource's Properties (Globals merged in), resolved; AWS::NoValue entries left out.
   *
   * @throws IllegalArgumentException when the Properties as a whole cannot be resolved here, as
   *     {@code Properties: !If [...]} on a condition that needs a parameter without a value
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> properties(Resource resource) {
    String path = "Resources." + resource.logicalId() + ".Properties";
    return switch (eval(resource.properties(), path)) {
      case Map<?, ?> map -> (Map<String, Object>) map;
      case Unresolved unresolved ->
          throw template.invalid(
              path, "cannot be resolved here: they need " + unresolved.describe());
      default -> Map.of(); // AWS::NoValue
    };
  }

  /**
   * One value, resolved: plain values, lists and maps as they are, intrinsic functions evaluated or
   * replaced by an {@link Unresolved}.
   *
   * @param path where the value is, for errors and warnings, e.g. {@code Outputs.QueueUrl.Value}
   * @return empty when the value is AWS::NoValue, or empty in the template
   */
  public Optional<Object> resolve(String path, Object value) {
    Object resolved = eval(value, path);
    return resolved == NO_VALUE ? Optional.empty() : Optional.ofNullable(resolved);
  }

  /**
   * A condition's value; empty when it depends on a parameter without a value here.
   *
   * @throws IllegalArgumentException when the template defines no such condition
   */
  public Optional<Boolean> condition(String name) {
    return conditionValue(name, "Conditions") instanceof Boolean value
        ? Optional.of(value)
        : Optional.empty();
  }

  /**
   * Whether the stack creates this resource: it has no Condition, or its condition holds. One whose
   * condition cannot be evaluated here counts as created, with a warning.
   */
  public boolean creates(Resource resource) {
    Optional<String> name = resource.condition();
    if (name.isEmpty()) {
      return true;
    }
    String path = "Resources." + resource.logicalId() + ".Condition";
    Object value = conditionValue(name.get(), path);
    if (value instanceof Unresolved unresolved) {
      warn(path, "condition " + name.get() + " needs " + unresolved.describe() + "; taken as true");
      return true;
    }
    return (Boolean) value;
  }

  /** What was taken on trust: Refs to names the template does not define, unknown functions. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  @SuppressWarnings("unchecked")
  private Object eval(Object value, String path) {
    if (Intrinsic.isCall(value)) {
      Map.Entry<String, Object> call = ((Map<String, Object>) value).entrySet().iterator().next();
      return call(call.getKey(), call.getValue(), path + "." + call.getKey());
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> resolved = new LinkedHashMap<>();
      map.forEach(
          (key, item) -> {
            Object result = eval(item, path + "." + key);
            if (result != NO_VALUE) {
              resolved.put(String.valueOf(key), result);
            }
          });
      return Collections.unmodifiableMap(resolved);
    }
    if (value instanceof List<?> list) {
      List<Object> resolved = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        Object result = eval(list.get(i), path + "[" + i + "]");
        if (result != NO_VALUE) {
          resolved.add(result);
        }
      }
      return Collections.unmodifiableList(resolved);
    }
    return value;
  }

  private Object call(String key, Object argument, String path) {
    Optional<Intrinsic> known = Intrinsic.ofKey(key);
    if (known.isEmpty()) {
      warn(path, key + " is no intrinsic function CloudFormation knows; left unresolved");
      return new Expression(key, argument, List.of());
    }
    Intrinsic function = known.get();
    return switch (function) {
      case REF -> ref(values.name(function, argument, path), path);
      case CONDITION -> conditionValue(values.name(function, argument, path), path);
      case SUB -> sub(argument, path);
      case GET_ATT -> getAtt(argument, path);
      case IF -> fnIf(argument, path);
      case EQUALS -> equals(argument, path);
      case NOT -> not(argument, path);
      case AND, OR -> andOr(function, argument, path);
      case JOIN, SELECT, SPLIT, FIND_IN_MAP, BASE64, LENGTH -> overValues(function, argument, path);
      case IMPORT_VALUE -> new ImportedValue(eval(argument, path));
      // GetAZs, Cidr, ToJsonString, Transform and the Rules' functions: CloudFormation's own.
      default -> new Expression(key, argument, List.of());
    };
  }

  private Object ref(String name, String path) {
    if (name.equals("AWS::NoValue")) {
      return NO_VALUE;
    }
    Optional<Object> pseudo = stack.pseudoParameter(name);
    if (pseudo.isPresent()) {
      return pseudo.get();
    }
    if (parameterValues.containsKey(name)) {
      return parameterValues.get(name);
    }
    Stack.Deployed deployed = stack.resources().get(name);
    if (deployed != null) {
      return deployed.ref();
    }
    if (!template.resources().containsKey(name)) {
      warn(
          path,
          name
              + " is no parameter, pseudo parameter or resource of the template; taken for a"
              + " resource SAM generates (such as ServerlessRestApi)");
    }
    return new ResourceRef(name);
  }

  private Object getAtt(Object argument, String path) {
    List<?> parts = values.getAtt(argument, path);
    Object attribute = eval(parts.get(1), path + "[1]");
    if (attribute instanceof Unresolved cause) {
      return new Expression(Intrinsic.GET_ATT.key(), argument, List.of(cause));
    }
    if (!(parts.get(0) instanceof String id) || !(attribute instanceof String name)) {
      throw template.invalid(path, "takes [Resource, Attribute], got " + argument);
    }
    return attribute(id, name, path);
  }

  private Object attribute(String id, String name, String path) {
    Stack.Deployed deployed = stack.resources().get(id);
    if (deployed != null && deployed.attributes().containsKey(name)) {
      return deployed.attributes().get(name);
    }
    if (!template.resources().containsKey(id)) {
      warn(
          path,
          id
              + " is no resource of the template; taken for one SAM generates (such as"
              + " MyFunctionRole)");
    }
    return new AttributeRef(id, name);
  }

  private Object sub(Object argument, String path) {
    String text;
    Map<?, ?> variables = Map.of();
    if (argument instanceof String string) {
      text = string;
    } else if (argument instanceof List<?> list
        && list.size() == 2
        && list.get(0) instanceof String string
        && list.get(1) instanceof Map<?, ?> map) {
      text = string;
      variables = map;
    } else {
      throw template.invalid(
          path, "takes a string, or [string, {Variable: value}], got " + argument);
    }
    List<Unresolved> causes = new ArrayList<>();
    Matcher matcher = SUB_VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String variable = matcher.group(1);
      Object value;
      if (variable.startsWith("!")) {
        value = "${" + variable.substring(1) + "}";
      } else {
        String name = variable.trim();
        int dot = name.indexOf('.');
        if (variables.containsKey(name)) {
          value = eval(variables.get(name), path + "." + name);
        } else if (dot > 0) {
          value = attribute(name.substring(0, dot), name.substring(dot + 1), path);
        } else {
          value = ref(name, path);
        }
      }
      if (value instanceof Unresolved cause) {
        causes.add(cause);
        continue;
      }
      if (value == NO_VALUE || value == null || value instanceof Map || value instanceof List) {
        throw template.invalid(path, "variable ${" + variable + "} must stand for a string");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
    }
    if (!causes.isEmpty()) {
      return new Expression(Intrinsic.SUB.key(), argument, causes);
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private Object fnIf(Object argument, String path) {
    List<?> args = values.list(Intrinsic.IF, argument, 3, 3, path);
    String name = values.name(Intrinsic.IF, args.get(0), path + "[0]");
    Object test = conditionValue(name, path);
    if (test instanceof Unresolved cause) {
      return new Expression(Intrinsic.IF.key(), argument, List.of(cause));
    }
    return (Boolean) test ? eval(args.get(1), path + "[1]") : eval(args.get(2), path + "[2]");
  }

  private Object equals(Object argument, String path) {
    List<?> args = values.list(Intrinsic.EQUALS, argument, 2, 2, path);
    Object left = eval(args.get(0), path + "[0]");
    Object right = eval(args.get(1), path + "[1]");
    List<Unresolved> causes = ValueFunctions.unresolved(List.of(left, right));
    if (!causes.isEmpty()) {
      return new Expression(Intrinsic.EQUALS.key(), argument, causes);
    }
    boolean plain = !(left instanceof Map || left instanceof List);
    // Parameters are strings to CloudFormation: !Equals [!Ref Count, 0] holds for "0".
    return plain ? String.valueOf(left).equals(String.valueOf(right)) : left.equals(right);
  }

  private Object not(Object argument, String path) {
    List<?> args = values.list(Intrinsic.NOT, argument, 1, 1, path);
    Object value = test(Intrinsic.NOT, args.get(0), path + "[0]");
    return value instanceof Boolean b
        ? !b
        : new Expression(Intrinsic.NOT.key(), argument, List.of((Unresolved) value));
  }

  private Object andOr(Intrinsic function, Object argument, String path) {
    List<?> args = values.list(function, argument, 2, 10, path);
    boolean and = function == Intrinsic.AND;
    List<Unresolved> causes = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      Object value = test(function, args.get(i), path + "[" + i + "]");
      if (value instanceof Unresolved cause) {
        causes.add(cause);
      } else if ((Boolean) value != and) {
        return value; // one false decides an And, one true an Or, whatever the unknown ones are
      }
    }
    return causes.isEmpty() ? and : new Expression(function.key(), argument, causes);
  }

  /** A condition inside Not, And or Or: a Boolean or an Unresolved. */
  private Object test(Intrinsic function, Object condition, String path) {
    Object value = eval(condition, path);
    if (value instanceof Boolean || value instanceof Unresolved) {
      return value;
    }
    throw template.invalid(
        path,
        "is not a condition: "
            + function.key()
            + " takes Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition: Name, got "
            + condition);
  }

  private Object conditionValue(String name, String path) {
    if (!template.conditions().containsKey(name)) {
      throw template.invalid(
          path,
          "names the condition "
              + name
              + ", which Conditions do not define; they define "
              + template.conditions().keySet());
    }
    Object cached = conditionValues.get(name);
    if (cached != null) {
      return cached;
    }
    if (!evaluating.add(name)) {
      throw template.invalid(
          "Conditions." + name, "depends on itself, through " + String.join(" -> ", evaluating));
    }
    try {
      Object value = eval(template.conditions().get(name), "Conditions." + name);
      if (!(value instanceof Boolean || value instanceof Unresolved)) {
        throw template.invalid(
            "Conditions." + name,
            "must be a condition function (Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition),"
                + " not "
                + Template.kind(value));
      }
      conditionValues.put(name, value);
      return value;
    } finally {
      evaluating.remove(name);
    }
  }

  /** Join, Select, Split, FindInMap, Base64, Length: plain functions of their values. */
  private Object overValues(Intrinsic function, Object argument, String path) {
    Object evaluated = eval(argument, path);
    if (evaluated == NO_VALUE) {
      throw template.invalid(path, "takes " + function.usage() + ", not AWS::NoValue");
    }
    List<Unresolved> causes = new ArrayList<>();
    if (function == Intrinsic.SELECT && evaluated instanceof List<?> args) {
      // Select may pick an unresolved item and keep it typed; its index and list must be known.
      causes.addAll(ValueFunctions.unresolved(args));
    } else {
      ValueFunctions.collect(evaluated, causes);
    }
    return causes.isEmpty()
        ? values.apply(function, evaluated, path)
        : new Expression(function.key(), argument, causes);
  }

  private void warn(String path, String message) {
    warnings.add(template.source() + ": " + path + ": " + message);
  }
}
