import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Lambda's {@code errorType} "DeadlineExceeded": {@link dev.fanout.api.DeadlineExceededException}
 * as a function error. The unit stopped, or refused to start, because the invocation's deadline
 * would pass first.
 *
 * <p>In the unnamed package on purpose: Lambda reports the thrown class's binary name as the
 * errorType, see {@code dev.fanout.lambda.LambdaErrors}.
 */
@RegisterForReflection
public final class DeadlineExceeded extends RuntimeException {
  public DeadlineExceeded(String message, Throwable cause) {
    super(message, cause);
  }
}
