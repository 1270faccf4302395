package dev.fanout.lambda;

import dev.fanout.units.TransferUnit;
import dev.fanout.units.ledger.Ledger;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The {@code transfer} unit as a Lambda function. Moves money between two accounts of the ledger
 * table in one DynamoDB transaction, at most once per transfer id.
 */
@Singleton
@Named("transfer")
public class TransferHandler extends UnitHandler {
  @Inject
  TransferHandler(LambdaClients clients) {
    super(clients.unit("transfer"), clients.deadlineMargin());
  }

  TransferHandler(Ledger ledger, Duration deadlineMargin) {
    super(new TransferUnit(ledger), deadlineMargin);
  }
}
