package dev.fanout.lambda;

import dev.fanout.units.FibUnit;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The {@code fib} unit as a Lambda function. Naive recursive Fibonacci, stopping at the deadline.
 */
@Singleton
@Named("fib")
public class FibHandler extends UnitHandler {
  @Inject
  FibHandler(LambdaClients clients) {
    super(clients.unit("fib"), clients.deadlineMargin());
  }

  FibHandler(Duration deadlineMargin) {
    super(new FibUnit(), deadlineMargin);
  }
}
