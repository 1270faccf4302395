package dev.fanout.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.api.DeadlineExceededException;
import dev.fanout.api.InvalidInputException;
import dev.fanout.api.UnitException;
import dev.fanout.units.FetchException;
import dev.fanout.units.LedgerException;
import dev.fanout.units.StoreException;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LambdaErrorsTest {

  static Stream<UnitException> everyKindOfFailure() {
    return Stream.of(
        new InvalidInputException("n", "fib: field 'n' is missing"),
        new FetchException("GET http://x/ answered HTTP 500"),
        new StoreException("disk full", new IOException("ENOSPC")),
        new DeadlineExceededException("fib(42) stopped"),
        new LedgerException("table t does not exist", null));
  }

  @ParameterizedTest
  @MethodSource("everyKindOfFailure")
  void typed_isAnExceptionWhoseClassNameIsTheErrorType(UnitException failure) {
    RuntimeException typed = LambdaErrors.typed(failure);

    // What Quarkus' poll loop and the AWS runtime client put in errorType.
    assertThat(typed.getClass().getName()).isEqualTo(failure.errorType());
    assertThat(typed).hasMessage(failure.getMessage()).hasCause(failure);
    assertThat(typed.getStackTrace()).isEqualTo(failure.getStackTrace());
  }

  /** A unit of your own may report a failure of its own kind. */
  static final class TooLong extends UnitException {
    TooLong() {
      super("the page is longer than the unit reads", null);
    }

    @Override
    public String errorType() {
      return "TooLong";
    }
  }

  @Test
  void aFailureOfAUnitOfYourOwn_withNoClassOfItsName_isThrownAsItIs() {
    TooLong failure = new TooLong();

    assertThat(LambdaErrors.typed(failure)).isSameAs(failure);
  }
}
