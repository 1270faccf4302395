package dev.fanout.lambda;

import dev.fanout.api.HttpFetcher;
import dev.fanout.units.GrillUnit;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The {@code grill} unit as a Lambda function. Cooks one patty on the grill at the input's URL,
 * which must be public unless FANOUT_ALLOW_LOCAL_TARGETS is set (local runs).
 */
@Singleton
@Named("grill")
public class GrillHandler extends UnitHandler {
  @Inject
  GrillHandler(LambdaClients clients) {
    super(clients.unit("grill"), clients.deadlineMargin());
  }

  GrillHandler(HttpFetcher fetcher, Duration deadlineMargin) {
    super(new GrillUnit(fetcher), deadlineMargin);
  }
}
