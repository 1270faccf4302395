package dev.fanout.engine;

import dev.fanout.localcloud.lambda.LocalLambdaOptions;

/**
 * The most function instances this machine can start, and where that number comes from: the one
 * limit of --max-instances in every command, as the local Lambda service computes it.
 *
 * @param instances the most instances, for one function or all together
 * @param reason where the number comes from, in a phrase (memory, or the hard cap)
 */
public record InstanceLimit(int instances, String reason) {

  public static InstanceLimit ofThisMachine() {
    return new InstanceLimit(
        LocalLambdaOptions.maxInstancesLimit(), LocalLambdaOptions.describeMaxInstancesLimit());
  }
}
