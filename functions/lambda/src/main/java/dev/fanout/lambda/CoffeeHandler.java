package dev.fanout.lambda;

import dev.fanout.units.CoffeeUnit;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The {@code coffee} unit as a Lambda function. Grinds, brews and adds each embellishment without
 * looking at the clock, so an order too complex for the function's timeout is stopped by Lambda
 * ({@code Sandbox.Timedout}), not by the unit.
 */
@Singleton
@Named("coffee")
public class CoffeeHandler extends UnitHandler {
  @Inject
  CoffeeHandler(LambdaClients clients) {
    super(clients.unit("coffee"), clients.deadlineMargin());
  }

  CoffeeHandler(Duration deadlineMargin) {
    super(new CoffeeUnit(), deadlineMargin);
  }
}
