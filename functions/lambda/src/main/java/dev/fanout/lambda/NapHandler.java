package dev.fanout.lambda;

import dev.fanout.units.NapUnit;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The {@code nap} unit as a Lambda function. Sleeps, refusing a nap that would outlast the
 * invocation.
 */
@Singleton
@Named("nap")
public class NapHandler extends UnitHandler {
  @Inject
  NapHandler(LambdaClients clients) {
    super(clients.unit("nap"), clients.deadlineMargin());
  }

  NapHandler(Duration deadlineMargin) {
    super(new NapUnit(), deadlineMargin);
  }
}
