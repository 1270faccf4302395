package dev.fanout.lambda;

import dev.fanout.api.HttpFetcher;
import dev.fanout.units.DownloadUnit;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The {@code download} unit as a Lambda function. Downloads one page and reports its status and
 * size.
 */
@Singleton
@Named("download")
public class DownloadHandler extends UnitHandler {
  @Inject
  DownloadHandler(LambdaClients clients) {
    super(clients.unit("download"), clients.deadlineMargin());
  }

  DownloadHandler(HttpFetcher fetcher, Duration deadlineMargin) {
    super(new DownloadUnit(fetcher), deadlineMargin);
  }
}
