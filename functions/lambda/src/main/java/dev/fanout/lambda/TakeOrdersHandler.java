package dev.fanout.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.Unit;
import dev.fanout.units.OrderUnit;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/**
 * The burger bar's first stage on Lambda, fed by the orders queue: takes each customer's order (the
 * {@code order} unit, whose input the message is) and sends it on to the grill's queue.
 */
@Singleton
@Named("take-orders")
public class TakeOrdersHandler extends QueueStageHandler {
  private final Unit<?, ?> order;

  @Inject
  TakeOrdersHandler(LambdaClients clients, LambdaSettings settings) {
    this(clients.unit("order"), clients.deadlineMargin(), NextQueue.of(settings.stage()));
  }

  TakeOrdersHandler(Unit<?, ?> order, Duration deadlineMargin, Optional<NextQueue> next) {
    super("take-orders", deadlineMargin, next);
    this.order = order;
  }

  TakeOrdersHandler(Duration deadlineMargin, Optional<NextQueue> next) {
    this(new OrderUnit(), deadlineMargin, next);
  }

  @Override
  Optional<JsonNode> handle(JsonNode item, Deadline deadline, Context context) {
    return Optional.of(order.call(item, deadline));
  }
}
