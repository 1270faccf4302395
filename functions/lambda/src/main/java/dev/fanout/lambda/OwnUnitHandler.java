package dev.fanout.lambda;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * Any unit as a Lambda function, named by FANOUT_UNIT: how a unit of your own runs on Lambda with
 * no Quarkus code of yours. Its jar comes as a layer; this function.zip's classes find it there.
 */
@Singleton
@Named("unit")
public class OwnUnitHandler extends UnitHandler {
  @Inject
  OwnUnitHandler(LambdaClients clients) {
    super(clients.configuredUnit(), clients.deadlineMargin());
  }
}
