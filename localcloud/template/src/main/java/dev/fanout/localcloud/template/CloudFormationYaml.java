package dev.fanout.localcloud.template;

import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.ConstructorException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads CloudFormation YAML into plain values: each short-form intrinsic becomes its long form
 * ({@code !Ref X} becomes {@code {Ref: X}}, {@code !GetAtt A.B} becomes {@code {Fn::GetAtt: [A,
 * B]}}), mapping keys become strings, and every map and list is unmodifiable.
 */
final class CloudFormationYaml {
  private CloudFormationYaml() {}

  /**
   * The document, in long form.
   *
   * @throws IllegalArgumentException when it is not YAML, has a duplicate key, or uses a tag that
   *     is no intrinsic function or tags the wrong kind of node
   */
  static Object load(Reader reader, String source) {
    LoaderOptions options = new LoaderOptions();
    // CloudFormation refuses a key given twice; snakeyaml would silently keep the last one.
    options.setAllowDuplicateKeys(false);
    try {
      return freeze(new Yaml(new Constructor(options)).load(reader));
    } catch (MarkedYAMLException e) {
      throw new IllegalArgumentException(
          source + " is not valid CloudFormation YAML: " + at(e.getProblemMark()) + e.getProblem(),
          e);
    } catch (YAMLException e) {
      throw new IllegalArgumentException(
          source
              + " is not valid CloudFormation YAML: "
              + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
          e);
    }
  }

  private static String at(Mark mark) {
    return mark == null
        ? ""
        : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": ";
  }

  private static Object freeze(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, item) -> copy.put(String.valueOf(key), freeze(item)));
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(freeze(item)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }

  /** A tag snakeyaml does not know, pointing at the node it tags. */
  private static final class TagException extends ConstructorException {
    TagException(String problem, Mark mark) {
      super(null, null, problem, mark);
    }
  }

  private static final class Constructor extends SafeConstructor {
    Constructor(LoaderOptions options) {
      super(options);
      // An unquoted 2010-09-09 is a version string to CloudFormation, not a date.
      yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
      yamlMultiConstructors.put("!", new ConstructIntrinsic());
    }

    private final class ConstructIntrinsic extends AbstractConstruct {
      @Override
      public Object construct(Node node) {
        String tag = node.getTag().getValue().substring(1);
        Intrinsic function =
            Intrinsic.ofTag(tag)
                .orElseThrow(
                    () ->
                        new TagException(
                            "!"
                                + tag
                                + " is not a CloudFormation intrinsic function; the short forms"
                                + " are "
                                + Intrinsic.tags(),
                            node.getStartMark()));
        Intrinsic.Form form =
            switch (node) {
              case ScalarNode scalar -> Intrinsic.Form.SCALAR;
              case SequenceNode sequence -> Intrinsic.Form.SEQUENCE;
              default -> Intrinsic.Form.MAPPING;
            };
        if (!function.forms().contains(form)) {
          throw new TagException(
              "!"
                  + tag
                  + " takes "
                  + function.forms().stream()
                      .map(Intrinsic.Form::label)
                      .reduce((a, b) -> a + " or " + b)
                      .orElseThrow()
                  + ", not "
                  + form.label(),
              node.getStartMark());
        }
        Object argument =
            switch (node) {
              case ScalarNode scalar -> scalar(function, scalar);
              case SequenceNode sequence -> constructSequence(sequence);
              default -> constructMapping((MappingNode) node);
            };
        return Map.of(function.key(), argument);
      }

      private Object scalar(Intrinsic function, ScalarNode node) {
        String text = constructScalar(node);
        if ((function == Intrinsic.REF || function == Intrinsic.CONDITION) && text.isBlank()) {
          throw new TagException("!" + function.tag() + " needs a name", node.getStartMark());
        }
        if (function != Intrinsic.GET_ATT) {
          return text;
        }
        // The short form's "Resource.Attribute" splits at the first dot, as CloudFormation does:
        // an attribute may hold dots itself (Endpoint.Address).
        int dot = text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
          throw new TagException(
              "!GetAtt takes Resource.Attribute (e.g. !GetAtt Queue.Arn), got '" + text + "'",
              node.getStartMark());
        }
        return List.of(text.substring(0, dot), text.substring(dot + 1));
      }
    }
  }
}
