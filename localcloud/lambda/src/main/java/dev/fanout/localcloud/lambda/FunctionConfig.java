package dev.fanout.localcloud.lambda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One function as the local Lambda service runs it: what {@code template.yaml} says of it, Globals
 * merged in, intrinsic functions resolved.
 *
 * @param name the template's logical id, e.g. {@code FibFunction}; the name clients invoke
 * @param handler the runtime's handler, e.g. {@code
 *     io.quarkus...QuarkusStreamHandler::handleRequest}
 * @param runtime the Lambda runtime, e.g. {@code java21}
 * @param memoryMb MemorySize (SAM's default 128); the instance's heap is sized from it
 * @param timeout Timeout (SAM's default 3 s)
 * @param environment Environment.Variables whose values are plain or resolvable
 * @param reservedConcurrency ReservedConcurrentExecutions, 0 when the function is unreserved
 * @param alias AutoPublishAlias, accepted as a qualifier; empty when there is none
 * @param layerJars the jars of the function's layers, on its class path as Lambda puts a Java
 *     layer's {@code java/lib} jars
 */
public record FunctionConfig(
    String name,
    String handler,
    String runtime,
    int memoryMb,
    Duration timeout,
    Map<String, String> environment,
    int reservedConcurrency,
    String alias,
    List<Path> layerJars) {

  public FunctionConfig {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a function needs a name");
    }
    if (handler == null || handler.isBlank()) {
      throw new IllegalArgumentException(name + ": Handler must be set");
    }
    if (memoryMb < 128 || memoryMb > 10_240) {
      throw new IllegalArgumentException(
          name + ": MemorySize must be 128..10240 MB, got " + memoryMb);
    }
    if (timeout == null || timeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(name + ": Timeout must be at least 1 s, got " + timeout);
    }
    if (reservedConcurrency < 0) {
      throw new IllegalArgumentException(
          name + ": ReservedConcurrentExecutions must not be negative, got " + reservedConcurrency);
    }
    environment = Map.copyOf(environment);
    alias = alias == null ? "" : alias;
    layerJars = layerJars.stream().map(jar -> jar.toAbsolutePath().normalize()).toList();
    for (Path jar : layerJars) {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalArgumentException(name + ": no layer jar at " + jar);
      }
    }
  }

  /** A function without layers. */
  public FunctionConfig(
      String name,
      String handler,
      String runtime,
      int memoryMb,
      Duration timeout,
      Map<String, String> environment,
      int reservedConcurrency,
      String alias) {
    this(
        name,
        handler,
        runtime,
        memoryMb,
        timeout,
        environment,
        reservedConcurrency,
        alias,
        List.of());
  }

  /** The reserved concurrency, when the function has one. */
  public OptionalInt reserved() {
    return reservedConcurrency > 0 ? OptionalInt.of(reservedConcurrency) : OptionalInt.empty();
  }

  /** The same function with another reserved concurrency (0: unreserved). */
  public FunctionConfig withReservedConcurrency(int reservedConcurrency) {
    return new FunctionConfig(
        name,
        handler,
        runtime,
        memoryMb,
        timeout,
        environment,
        reservedConcurrency,
        alias,
        layerJars);
  }

  /**
   * Another function like this one: the same code, handler, runtime, memory and timeout, with its
   * own name, variables over these, and layers.
   */
  public FunctionConfig sibling(
      String otherName, Map<String, String> variables, List<Path> otherLayerJars) {
    Map<String, String> merged = new java.util.LinkedHashMap<>(environment);
    merged.putAll(variables);
    return new FunctionConfig(
        otherName, handler, runtime, memoryMb, timeout, merged, 0, "", otherLayerJars);
  }
}
