package dev.fanout.localcloud.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SAM's Globals merge, by its rules: the resource's own value wins over a global one, mappings
 * merge key by key (so Environment.Variables merge variable by variable), lists concatenate (the
 * global entries first), and an intrinsic function counts as a plain value, never merged into.
 */
final class Globals {
  static final String SERVERLESS = "AWS::Serverless::";

  /** The sections SAM accepts under Globals, each for the AWS::Serverless:: type of its name. */
  static final Set<String> SECTIONS =
      Set.of("Api", "Function", "HttpApi", "LayerVersion", "SimpleTable", "StateMachine");

  private Globals() {}

  static Map<String, Object> merge(Map<String, Object> global, Map<String, Object> own) {
    Map<String, Object> merged = new LinkedHashMap<>(global);
    own.forEach(
        (key, value) ->
            merged.put(key, merged.containsKey(key) ? mergeValue(merged.get(key), value) : value));
    return Collections.unmodifiableMap(merged);
  }

  @SuppressWarnings("unchecked")
  private static Object mergeValue(Object global, Object own) {
    if (global instanceof Map<?, ?> globalMap
        && own instanceof Map<?, ?> ownMap
        && !Intrinsic.isCall(globalMap)
        && !Intrinsic.isCall(ownMap)) {
      return merge((Map<String, Object>) globalMap, (Map<String, Object>) ownMap);
    }
    if (global instanceof List<?> globalList && own instanceof List<?> ownList) {
      List<Object> merged = new ArrayList<>(globalList);
      merged.addAll(ownList);
      return Collections.unmodifiableList(merged);
    }
    return own;
  }
}
