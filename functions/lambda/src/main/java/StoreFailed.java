import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Lambda's {@code errorType} "StoreFailed": {@link dev.fanout.units.StoreException} as a function
 * error. Storing what the unit produced failed.
 *
 * <p>In the unnamed package on purpose: Lambda reports the thrown class's binary name as the
 * errorType, see {@code dev.fanout.lambda.LambdaErrors}.
 */
@RegisterForReflection
public final class StoreFailed extends RuntimeException {
  public StoreFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
