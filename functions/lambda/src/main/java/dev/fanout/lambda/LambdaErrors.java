package dev.fanout.lambda;

import dev.fanout.api.UnitException;
import java.lang.reflect.Constructor;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a unit's typed failure into the exception a Lambda function throws, so that the caller sees
 * {@code errorType} = {@link UnitException#errorType()} (e.g. "InvalidInput").
 *
 * <p>Lambda's errorType is the thrown exception's binary class name: Quarkus' poll loop and the AWS
 * runtime interface client both send {@code getClass().getName()}. A class in a package would show
 * as "dev.fanout...InvalidInput", so the four error classes live in the unnamed package, which
 * named code can reach only by reflection: here, once per type.
 */
final class LambdaErrors {
  private static final Map<String, Optional<Constructor<? extends RuntimeException>>> TYPES =
      new ConcurrentHashMap<>();

  private LambdaErrors() {}

  /**
   * The exception to throw for {@code failure}: of the class named by its errorType, with the same
   * message, the failure as its cause and the failure's stack trace. A failure whose errorType has
   * no class yet is returned as it is.
   */
  static RuntimeException typed(UnitException failure) {
    Optional<Constructor<? extends RuntimeException>> type =
        TYPES.computeIfAbsent(failure.errorType(), LambdaErrors::errorClass);
    if (type.isEmpty()) {
      return failure;
    }
    try {
      RuntimeException typed = type.get().newInstance(failure.getMessage(), failure);
      typed.setStackTrace(failure.getStackTrace());
      return typed;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "cannot make the Lambda error type " + failure.errorType() + ": " + e, e);
    }
  }

  private static Optional<Constructor<? extends RuntimeException>> errorClass(String errorType) {
    try {
      Class<? extends RuntimeException> type =
          Class.forName(errorType, true, LambdaErrors.class.getClassLoader())
              .asSubclass(RuntimeException.class);
      return Optional.of(type.getConstructor(String.class, Throwable.class));
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    } catch (NoSuchMethodException | ClassCastException e) {
      throw new IllegalStateException(
          "the Lambda error type "
              + errorType
              + " must be a RuntimeException with a (String, Throwable) constructor",
          e);
    }
  }
}
