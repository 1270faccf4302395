package dev.fanout.localcloud.lambda;

import dev.fanout.localcloud.lambda.esm.QueueTrigger;
import dev.fanout.localcloud.sqs.LocalQueue;
import dev.fanout.localcloud.sqs.TemplateQueues;
import dev.fanout.localcloud.template.Resolver;
import dev.fanout.localcloud.template.Resource;
import dev.fanout.localcloud.template.Stack;
import dev.fanout.localcloud.template.Template;
import dev.fanout.localcloud.template.Unresolved;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The functions of a SAM template as the local Lambda service runs them: each {@code
 * AWS::Serverless::Function} (and plain {@code AWS::Lambda::Function}) the stack would create, as
 * the template reader gives it (Globals merged in, intrinsic functions resolved for a local stack),
 * turned into a {@link FunctionConfig}. A value only a deployed stack knows (a Ref to a resource,
 * GetAtt, ImportValue) is left out, with a warning.
 */
final class SamTemplate {
  static final String ACCOUNT_ID = Stack.LOCAL_ACCOUNT_ID;

  private static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";
  private static final String LAMBDA_FUNCTION = "AWS::Lambda::Function";
  private static final String SERVERLESS_LAYER = "AWS::Serverless::LayerVersion";
  private static final int SAM_DEFAULT_MEMORY_MB = 128;
  private static final int SAM_DEFAULT_TIMEOUT_SECONDS = 3;

  private final List<FunctionConfig> functions;
  private final List<QueueTrigger> queueTriggers;
  private final List<String> warnings;

  private SamTemplate(
      List<FunctionConfig> functions, List<QueueTrigger> queueTriggers, List<String> warnings) {
    this.functions = List.copyOf(functions);
    this.queueTriggers = List.copyOf(queueTriggers);
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Reads the template at {@code path}.
   *
   * @param parameterOverrides values for the template's Parameters, replacing their Default (as
   *     {@code sam local --parameter-overrides} does)
   * @param region what {@code AWS::Region} resolves to
   * @throws IllegalArgumentException when the file is missing, is not a template, or has no
   *     function
   */
  static SamTemplate read(Path path, Map<String, String> parameterOverrides, String region) {
    return of(Template.read(path), Stack.local(region, parameterOverrides), Map.of());
  }

  static SamTemplate parse(
      Reader reader, String source, Map<String, String> parameterOverrides, String region) {
    return of(Template.parse(reader, source), Stack.local(region, parameterOverrides), Map.of());
  }

  /**
   * The functions of {@code template} resolved for {@code stack}, whose queues (by logical id) the
   * local SQS holds: Refs and GetAtts to them resolve, and SQS events on them become triggers.
   */
  static SamTemplate of(Template template, Stack stack, Map<String, LocalQueue> queues) {
    Resolver resolver = template.resolver(stack.withResources(TemplateQueues.deployed(queues)));
    Map<String, LocalQueue> queuesByArn = new LinkedHashMap<>();
    queues.values().forEach(queue -> queuesByArn.put(queue.arn(), queue));
    List<String> warnings = new ArrayList<>();
    List<QueueTrigger> triggers = new ArrayList<>();
    List<FunctionConfig> functions = new ArrayList<>();
    for (Resource resource : template.resourcesOfType(SERVERLESS_FUNCTION, LAMBDA_FUNCTION)) {
      if (!resolver.creates(resource)) {
        warnings.add(
            resource.logicalId()
                + ": skipped, its condition "
                + resource.condition().orElseThrow()
                + " is false");
        continue;
      }
      FunctionConfig function =
          function(
              resource.logicalId(),
              resolver.properties(resource),
              layer -> layerContent(template, resolver, layer),
              warnings);
      if (function != null) {
        functions.add(function);
        triggers.addAll(
            SqsEvents.read(function, resolver.properties(resource), queuesByArn, warnings));
      }
    }
    if (functions.isEmpty()) {
      throw new IllegalArgumentException(
          template.source() + " defines no " + SERVERLESS_FUNCTION + " under Resources");
    }
    warnings.addAll(resolver.warnings());
    return new SamTemplate(functions, triggers, warnings);
  }

  List<FunctionConfig> functions() {
    return functions;
  }

  /** The functions' SQS event source mappings on the local queues. */
  List<QueueTrigger> queueTriggers() {
    return queueTriggers;
  }

  /** What was left out, e.g. an environment variable set from a resource's attribute. */
  List<String> warnings() {
    return warnings;
  }

  /**
   * The jars of the layer {@code logicalId} when the template defines it with its content on this
   * machine: a {@code AWS::Serverless::LayerVersion} whose ContentUri (relative to the template) is
   * a directory laid out as a Java layer ({@code java/lib/*.jar}) or a jar; empty otherwise.
   *
   * @throws IllegalArgumentException when the layer's content is named but missing
   */
  private static Optional<List<Path>> layerContent(
      Template template, Resolver resolver, String logicalId) {
    Resource layer = template.resource(logicalId).orElse(null);
    if (layer == null || !layer.type().equals(SERVERLESS_LAYER)) {
      return Optional.empty();
    }
    Object contentUri = resolver.properties(layer).get("ContentUri");
    if (!(contentUri instanceof String uri)) {
      return Optional.empty();
    }
    Path source = Path.of(template.source()).toAbsolutePath();
    Path content = Files.isRegularFile(source) ? source.resolveSibling(uri) : Path.of(uri);
    if (Files.isRegularFile(content) && uri.endsWith(".jar")) {
      return Optional.of(List.of(content));
    }
    Path lib = content.resolve("java").resolve("lib");
    if (!Files.isDirectory(lib)) {
      throw new IllegalArgumentException(
          logicalId
              + ": no Java layer at "
              + content
              + " (its jars belong in java/lib under ContentUri): build the layer first");
    }
    try (Stream<Path> files = Files.list(lib)) {
      return Optional.of(
          files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the layer " + logicalId + " at " + lib, e);
    }
  }

  private static FunctionConfig function(
      String name,
      Map<String, Object> properties,
      Function<String, Optional<List<Path>>> layerContent,
      List<String> warnings) {
    ResolvedProperties read = new ResolvedProperties(name, properties, warnings);
    String runtime = read.string("Runtime", "java21");
    if (!runtime.startsWith("java")) {
      warnings.add(name + ": skipped, its runtime " + runtime + " is not a Java runtime");
      return null;
    }
    String handler = read.string("Handler", "");
    if (handler.isEmpty()) {
      warnings.add(name + ": skipped, it has no Handler");
      return null;
    }
    int memory = read.integer("MemorySize", SAM_DEFAULT_MEMORY_MB);
    int timeout = read.integer("Timeout", SAM_DEFAULT_TIMEOUT_SECONDS);
    int reserved = read.integer("ReservedConcurrentExecutions", 0);
    String alias = read.string("AutoPublishAlias", "");
    Map<String, String> environment = new LinkedHashMap<>();
    Object variables =
        properties.get("Environment") instanceof Map<?, ?> env ? env.get("Variables") : null;
    if (variables instanceof Map<?, ?> map) {
      map.forEach(
          (key, value) -> {
            if (value instanceof Unresolved unresolved) {
              warnings.add(
                  name
                      + ": environment variable "
                      + key
                      + " left out: "
                      + unresolved.describe()
                      + " cannot be resolved locally (set it with an environment override)");
            } else if (value instanceof Map<?, ?> || value instanceof List<?>) {
              warnings.add(name + ": environment variable " + key + " left out, not a scalar");
            } else if (value != null) {
              environment.put(String.valueOf(key), String.valueOf(value));
            }
          });
    }
    List<Path> layerJars = new ArrayList<>();
    if (properties.get("Layers") instanceof List<?> layers) {
      for (Object layer : layers) {
        Optional<List<Path>> jars =
            layer instanceof Unresolved.ResourceRef ref
                ? layerContent.apply(ref.logicalId())
                : Optional.empty();
        if (jars.isPresent()) {
          layerJars.addAll(jars.get());
        } else {
          warnings.add(
              name
                  + ": layer "
                  + (layer instanceof Unresolved unresolved ? unresolved.describe() : layer)
                  + " left out: only a LayerVersion of the template with local content runs here");
        }
      }
    }
    return new FunctionConfig(
        name,
        handler,
        runtime,
        memory,
        Duration.ofSeconds(timeout),
        environment,
        reserved,
        alias,
        layerJars);
  }
}
