package dev.fanout.lambda;

import dev.fanout.units.SumsqUnit;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The {@code sumsq} unit as a Lambda function. Sums i*i for 0 <= i < n exactly, stopping at the
 * deadline.
 */
@Singleton
@Named("sumsq")
public class SumsqHandler extends UnitHandler {
  @Inject
  SumsqHandler(LambdaClients clients) {
    super(clients.unit("sumsq"), clients.deadlineMargin());
  }

  SumsqHandler(Duration deadlineMargin) {
    super(new SumsqUnit(), deadlineMargin);
  }
}
