package dev.fanout.lambda;

import dev.fanout.api.HttpFetcher;
import dev.fanout.units.ImageUnit;
import dev.fanout.units.store.ObjectStore;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The {@code image} unit as a Lambda function. Downloads one image and stores it (S3 in the cloud,
 * a directory locally).
 */
@Singleton
@Named("image")
public class ImageHandler extends UnitHandler {
  @Inject
  ImageHandler(LambdaClients clients) {
    super(clients.unit("image"), clients.deadlineMargin());
  }

  ImageHandler(HttpFetcher fetcher, ObjectStore store, Duration deadlineMargin) {
    super(new ImageUnit(fetcher, store), deadlineMargin);
  }
}
