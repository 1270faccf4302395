package dev.fanout.lambda;

import dev.fanout.units.WashUnit;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;

/** The {@code wash} unit as a Lambda function. Washes one bowl, stopping at the deadline. */
@Singleton
@Named("wash")
public class WashHandler extends UnitHandler {
  @Inject
  WashHandler(LambdaClients clients) {
    super(clients.unit("wash"), clients.deadlineMargin());
  }

  WashHandler(Duration deadlineMargin) {
    super(new WashUnit(), deadlineMargin);
  }
}
