import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Lambda's {@code errorType} "FetchFailed": {@link dev.fanout.units.FetchException} as a function
 * error. An HTTP fetch failed: a refused destination, an error status, an oversized body, a timeout
 * or I/O.
 *
 * <p>In the unnamed package on purpose: Lambda reports the thrown class's binary name as the
 * errorType, see {@code dev.fanout.lambda.LambdaErrors}.
 */
@RegisterForReflection
public final class FetchFailed extends RuntimeException {
  public FetchFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
