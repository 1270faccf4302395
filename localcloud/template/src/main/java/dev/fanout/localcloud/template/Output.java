package dev.fanout.localcloud.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of the template's Outputs.
 *
 * @param name its key, e.g. {@code QueueUrl}
 * @param value its Value, in long form
 * @param definition all it says: Value, Description, Export, Condition
 */
public record Output(String name, Object value, Map<String, Object> definition) {

  public Output {
    definition = Collections.unmodifiableMap(new LinkedHashMap<>(definition));
  }
}
