package dev.fanout.localcloud.lambda;

import java.time.Duration;
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
 */
public record FunctionConfig(
    String name,
    String handler,
    String runtime,
    int memoryMb,
    Duration timeout,
    Map<String, String> environment,
    int reservedConcurrency,
    String alias) {

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
  }

  /** The reserved concurrency, when the function has one. */
  public OptionalInt reserved() {
    return reservedConcurrency > 0 ? OptionalInt.of(reservedConcurrency) : OptionalInt.empty();
  }

  /** The same function with another reserved concurrency (0: unreserved). */
  public FunctionConfig withReservedConcurrency(int reservedConcurrency) {
    return new FunctionConfig(
        name, handler, runtime, memoryMb, timeout, environment, reservedConcurrency, alias);
  }
}
