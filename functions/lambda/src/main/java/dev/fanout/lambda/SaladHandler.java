package dev.fanout.lambda;

import dev.fanout.units.SaladUnit;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The {@code salad} unit as a Lambda function. Makes one salad in a clean bowl, stopping at the
 * deadline.
 */
@Singleton
@Named("salad")
public class SaladHandler extends UnitHandler {
  @Inject
  SaladHandler(LambdaClients clients) {
    super(clients.unit("salad"), clients.deadlineMargin());
  }

  SaladHandler(Duration deadlineMargin) {
    super(new SaladUnit(), deadlineMargin);
  }
}
