package dev.fanout.localcloud.template;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A value a local run cannot know, left where the template puts it in place of the resolved value.
 * What it refers to stays typed: a caller that stands in for a resource (a local queue for an
 * {@code AWS::SQS::Queue}) matches {@code AttributeRef(var id, var attribute)} and supplies the
 * value; any other caller leaves the property out and reports {@link #describe()}.
 */
public sealed interface Unresolved {

  /** What it is and why it is unknown, for a warning, e.g. {@code !GetAtt DLQ.Arn (...)}. */
  String describe();

  /**
   * {@code !Ref Resource}: a resource's name, URL or id, known once the stack is deployed. Also a
   * Ref to a name the template does not define, such as a resource SAM generates ({@code
   * ServerlessRestApi}), with a warning from the resolver.
   */
  record ResourceRef(String logicalId) implements Unresolved {
    @Override
    public String describe() {
      return "!Ref " + logicalId + " (a resource, known once the stack is deployed)";
    }
  }

  /** {@code !GetAtt Resource.Attribute}, e.g. a queue's Arn, known once the stack is deployed. */
  record AttributeRef(String logicalId, String attribute) implements Unresolved {
    @Override
    public String describe() {
      return "!GetAtt "
          + logicalId
          + "."
          + attribute
          + " (an attribute of a resource, known once the stack is deployed)";
    }
  }

  /**
   * {@code !ImportValue name}: another stack's export. The name is resolved where it can be, and
   * may itself be {@link Unresolved}.
   */
  record ImportedValue(Object exportName) implements Unresolved {
    @Override
    public String describe() {
      return "!ImportValue " + exportName + " (another stack's export)";
    }
  }

  /** A parameter without a value here: no Default and no override, or one read from SSM. */
  record MissingParameter(String name, String reason) implements Unresolved {
    @Override
    public String describe() {
      return "!Ref " + name + " (" + reason + ")";
    }
  }

  /**
   * An intrinsic function that cannot be evaluated here: one whose arguments hold something
   * unresolved ({@code causes}), or one only AWS evaluates ({@code Fn::GetAZs}, {@code Fn::Cidr},
   * ...; no causes).
   *
   * @param function the long-form key, e.g. {@code Fn::Sub}
   * @param argument its argument, in long form as the template writes it
   */
  record Expression(String function, Object argument, List<Unresolved> causes)
      implements Unresolved {
    public Expression {
      causes = List.copyOf(causes);
    }

    @Override
    public String describe() {
      String call = function + " " + argument;
      return causes.isEmpty()
          ? call + " (evaluated by CloudFormation only)"
          : call
              + " (it needs "
              + causes.stream().map(Unresolved::describe).collect(Collectors.joining(", "))
              + ")";
    }
  }
}
