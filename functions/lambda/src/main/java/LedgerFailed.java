import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Lambda's {@code errorType} "LedgerFailed": {@link dev.fanout.units.LedgerException} as a function
 * error. The ledger's table could not be reached, or kept cancelling the transfer's transaction.
 *
 * <p>In the unnamed package on purpose: Lambda reports the thrown class's binary name as the
 * errorType, see {@code dev.fanout.lambda.LambdaErrors}.
 */
@RegisterForReflection
public final class LedgerFailed extends RuntimeException {
  public LedgerFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
