package dev.fanout.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.InvalidInputException;
import dev.fanout.api.Unit;
import dev.fanout.api.UnitJson;
import dev.fanout.units.FetchException;
import dev.fanout.units.OrderUnit;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The burger bar's second stage on Lambda, fed by the grill's queue: cooks a patty for each taken
 * order (the {@code grill} unit: a wait on the grill at FANOUT_STAGE_GRILL_URL for the cook time)
 * and sends the order with its patty on to the assembly queue.
 */
@Singleton
@Named("cook-patties")
public class CookPattiesHandler extends QueueStageHandler {
  private final Unit<?, ?> grill;
  private final Optional<URI> grillUrl;
  private final long cookMillis;

  @Inject
  CookPattiesHandler(LambdaClients clients, LambdaSettings settings) {
    this(
        clients.unit("grill"),
        settings.stage().grillUrl(),
        settings.stage().cookMillis(),
        clients.deadlineMargin(),
        NextQueue.of(settings.stage()));
  }

  CookPattiesHandler(
      Unit<?, ?> grill,
      Optional<URI> grillUrl,
      long cookMillis,
      Duration deadlineMargin,
      Optional<NextQueue> next) {
    super("cook-patties", deadlineMargin, next);
    this.grill = grill;
    this.grillUrl = grillUrl;
    this.cookMillis = cookMillis;
  }

  @Override
  Optional<JsonNode> handle(JsonNode order, Deadline deadline, Context context) {
    if (!order.isObject() || !order.path("order").canConvertToInt()) {
      throw new InvalidInputException(
          "order",
          "cook-patties takes a taken order such as {\"order\": 1, \"customer\": 1, \"burger\":"
              + " \"cheeseburger\"}, got "
              + order);
    }
    int number = order.get("order").intValue();
    if (number < 0 || number > OrderUnit.MAX_NUMBER) {
      throw new InvalidInputException("order", "an order number is 0.." + OrderUnit.MAX_NUMBER);
    }
    URI base =
        grillUrl.orElseThrow(
            () ->
                new FetchException(
                    "no grill is configured: set FANOUT_STAGE_GRILL_URL to the grill's address"
                        + " (a fanout origin, e.g. http://127.0.0.1:8080)"));
    ObjectNode cook = UnitJson.mapper().createObjectNode();
    cook.put("patty", number);
    cook.put("url", base.resolve("/grill/" + number + "?millis=" + cookMillis).toString());
    JsonNode patty = grill.call(cook, deadline);
    ObjectNode next = UnitJson.mapper().createObjectNode();
    next.set("order", order);
    next.set("patty", patty);
    return Optional.of(next);
  }
}
