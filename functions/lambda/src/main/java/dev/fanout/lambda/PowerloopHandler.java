package dev.fanout.lambda;

import dev.fanout.units.PowerloopUnit;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The {@code powerloop} unit as a Lambda function. The articles' math loop of powers and roots,
 * stopping at the deadline.
 */
@Singleton
@Named("powerloop")
public class PowerloopHandler extends UnitHandler {
  @Inject
  PowerloopHandler(LambdaClients clients) {
    super(clients.unit("powerloop"), clients.deadlineMargin());
  }

  PowerloopHandler(Duration deadlineMargin) {
    super(new PowerloopUnit(), deadlineMargin);
  }
}
