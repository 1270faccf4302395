import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Lambda's {@code errorType} "InvalidInput": {@link dev.fanout.api.InvalidInputException} as a
 * function error. The input is missing a field, has a wrong type or a value out of range; the
 * message names the field and what it allows.
 *
 * <p>In the unnamed package on purpose: Lambda reports the thrown class's binary name as the
 * errorType, see {@code dev.fanout.lambda.LambdaErrors}.
 */
@RegisterForReflection
public final class InvalidInput extends RuntimeException {
  public InvalidInput(String message, Throwable cause) {
    super(message, cause);
  }
}
