package dev.fanout.lambda;

import dev.fanout.units.BurgerUnit;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The {@code burger} unit as a Lambda function. Makes a burger from an order and a cooked patty.
 */
@Singleton
@Named("burger")
public class BurgerHandler extends UnitHandler {
  @Inject
  BurgerHandler(LambdaClients clients) {
    super(clients.unit("burger"), clients.deadlineMargin());
  }

  BurgerHandler(Duration deadlineMargin) {
    super(new BurgerUnit(), deadlineMargin);
  }
}
