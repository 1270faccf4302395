package dev.fanout.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.Unit;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The burger bar's last stage on Lambda, fed by the assembly queue: makes each burger from its
 * order and cooked patty (the {@code burger} unit), serves it once by recording it in the ledger
 * table ({@link ServedOrders}), and sends the served burger to the served queue. An order that
 * arrives again (SQS delivers at least once) finds its record and is not served twice.
 */
@Singleton
@Named("make-burgers")
public class MakeBurgersHandler extends QueueStageHandler {
  private final Unit<?, ?> burger;
  private final Supplier<ServedOrders> served;

  @Inject
  MakeBurgersHandler(LambdaClients clients, LambdaSettings settings) {
    this(
        clients.unit("burger"),
        clients::servedOrders,
        clients.deadlineMargin(),
        NextQueue.of(settings.stage()));
  }

  MakeBurgersHandler(
      Unit<?, ?> burger,
      Supplier<ServedOrders> served,
      Duration deadlineMargin,
      Optional<NextQueue> next) {
    super("make-burgers", deadlineMargin, next);
    this.burger = burger;
    this.served = served;
  }

  @Override
  Optional<JsonNode> handle(JsonNode item, Deadline deadline, Context context) {
    JsonNode made = burger.call(item, deadline);
    int order = made.path("order").intValue();
    long now = System.currentTimeMillis();
    if (!served.get().serve(order, made.path("burger").asText(), now)) {
      context.getLogger().log("order " + order + " was served before: not served twice\n");
      return Optional.empty();
    }
    ObjectNode servedBurger = ((ObjectNode) made.deepCopy()).put("servedAtMillis", now);
    return Optional.of(servedBurger);
  }
}
