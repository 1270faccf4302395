package dev.fanout.lambda;

import dev.fanout.units.OrderUnit;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The {@code order} unit as a Lambda function. Takes a customer's order from the burger bar's menu.
 */
@Singleton
@Named("order")
public class OrderHandler extends UnitHandler {
  @Inject
  OrderHandler(LambdaClients clients) {
    super(clients.unit("order"), clients.deadlineMargin());
  }

  OrderHandler(Duration deadlineMargin) {
    super(new OrderUnit(), deadlineMargin);
  }
}
