package dev.fanout.cloud;

/**
 * Lambda's on-demand price (us-east-1, the first pricing tier): per GB-second of billed duration,
 * by architecture, plus a price per request. One table, so every estimate uses the same figures.
 */
public final class Pricing {
  public static final double X86_PER_GB_SECOND = 0.0000166667;
  public static final double ARM64_PER_GB_SECOND = 0.0000133334;
  public static final double PER_REQUEST = 0.20 / 1_000_000;

  private Pricing() {}

  /**
   * @param billedMillis billed duration of one invocation
   * @param memoryMB the function's configured memory
   */
  public static double invocation(double billedMillis, int memoryMB, boolean arm64) {
    double gbSeconds = (billedMillis / 1000.0) * (memoryMB / 1024.0);
    return gbSeconds * (arm64 ? ARM64_PER_GB_SECOND : X86_PER_GB_SECOND) + PER_REQUEST;
  }
}
