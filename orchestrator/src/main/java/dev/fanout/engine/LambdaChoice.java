package dev.fanout.engine;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Where the lambda strategy invokes, as the user chose it: an Invoke API endpoint, AWS, or
 * (neither) the local Lambda service, which the engine starts.
 *
 * @param endpoint an Invoke API endpoint; null for the local service or AWS
 * @param aws invoke the deployed functions on AWS
 * @param region the AWS region; null for the default region chain (or us-east-1 at an endpoint)
 * @param functions the function of a unit where it is not named as in template.yaml
 * @param maxInstances instances per function of the local service; null for a run's default
 * @param idleTimeout how long an idle instance of the local service lives; null for the service's
 */
public record LambdaChoice(
    URI endpoint,
    boolean aws,
    String region,
    Map<String, String> functions,
    Integer maxInstances,
    Duration idleTimeout) {

  public LambdaChoice {
    if (endpoint != null && aws) {
      throw new IllegalArgumentException("an endpoint and AWS exclude each other: choose one");
    }
    functions = Map.copyOf(functions);
  }

  /** The local Lambda service with its defaults. */
  public static LambdaChoice local() {
    return new LambdaChoice(null, false, null, Map.of(), null, null);
  }

  /**
   * The same choice, with the local service's idle timeout at {@code idleTimeout} unless the user
   * gave one: a command whose runs need instances reclaimed within seconds (the lunch's coffees)
   * sets its own default here. An endpoint or AWS keeps its instances as it likes.
   */
  public LambdaChoice withIdleTimeoutByDefault(Duration idleTimeout) {
    if (this.idleTimeout != null || remote()) {
      return this;
    }
    return new LambdaChoice(endpoint, aws, region, functions, maxInstances, idleTimeout);
  }

  /** Whether the functions run on machines of their own rather than on this one's cores. */
  public boolean remote() {
    return aws || endpoint != null;
  }
}
