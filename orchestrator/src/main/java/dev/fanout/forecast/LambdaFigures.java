package dev.fanout.forecast;

import dev.fanout.cloud.Pricing;

/**
 * AWS Lambda's documented limits and prices that a forecast runs on, each a parameter so a test or
 * an account with raised quotas can change it. The defaults are AWS's published figures:
 *
 * <ul>
 *   <li>{@code accountConcurrency}: 1,000 concurrent executions per Region by default (Lambda
 *       quotas, "Concurrent executions"; a soft limit that can be raised);
 *   <li>{@code scalingBurst} and {@code scalingRefillPerSecond}: each function may add at most
 *       1,000 execution environments every 10 seconds, refilled continuously (Lambda developer
 *       guide, "Lambda scaling behavior", concurrency scaling rate); so 1,000 at once from idle,
 *       then 100 more per second;
 *   <li>{@code requestsPerSecondPerEnvironment}: 10 requests per second for each unit of
 *       concurrency (same page: "10,000 requests per second every 10 seconds");
 *   <li>{@code megabytesPerVcpu}: 1,769 MB of memory buys one vCPU (Lambda developer guide,
 *       "Configure Lambda function memory"); the CPU a function gets is in proportion to memory,
 *       which speeds up computing and not waiting;
 *   <li>prices, us-east-1, first tier (AWS Lambda pricing page): $0.20 per million requests,
 *       $0.0000166667 per GB-second on x86_64 and $0.0000133334 on arm64, billed per ms, the same
 *       figures as {@link Pricing};
 *   <li>{@code initBilled}: the INIT phase is billed like the handler's duration for managed
 *       runtimes (Java included) since 2025-08-01 (AWS Compute blog, "AWS Lambda standardizes
 *       billing for INIT phase").
 * </ul>
 */
public record LambdaFigures(
    int accountConcurrency,
    int scalingBurst,
    double scalingRefillPerSecond,
    double requestsPerSecondPerEnvironment,
    int megabytesPerVcpu,
    double pricePerRequest,
    double x86PerGbSecond,
    double arm64PerGbSecond,
    boolean initBilled) {

  public static final LambdaFigures AWS =
      new LambdaFigures(
          1_000,
          1_000,
          1_000 / 10.0,
          10,
          1_769,
          Pricing.PER_REQUEST,
          Pricing.X86_PER_GB_SECOND,
          Pricing.ARM64_PER_GB_SECOND,
          true);

  public LambdaFigures {
    if (accountConcurrency < 1 || scalingBurst < 1 || megabytesPerVcpu < 1) {
      throw new IllegalArgumentException(
          "concurrency, scaling burst and MB per vCPU must be positive");
    }
  }

  public LambdaFigures withAccountConcurrency(int concurrency) {
    return new LambdaFigures(
        concurrency,
        scalingBurst,
        scalingRefillPerSecond,
        requestsPerSecondPerEnvironment,
        megabytesPerVcpu,
        pricePerRequest,
        x86PerGbSecond,
        arm64PerGbSecond,
        initBilled);
  }

  /** The share of one vCPU a function of {@code memoryMB} computes with: at most one core. */
  public double cpuShare(int memoryMB) {
    return Math.min(1.0, memoryMB / (double) megabytesPerVcpu);
  }

  public double perGbSecond(Arch arch) {
    return arch == Arch.ARM64 ? arm64PerGbSecond : x86PerGbSecond;
  }
}
