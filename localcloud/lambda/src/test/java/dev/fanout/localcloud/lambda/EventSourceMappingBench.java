package dev.fanout.localcloud.lambda;

import dev.fanout.localcloud.lambda.esm.BatchRecord;
import dev.fanout.localcloud.sqs.LocalSqs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Message-to-handler latency of the local Lambda service's SQS event source mappings, with an idle
 * queue: one order at a time is sent to the burger bar's orders queue, each once the one before was
 * settled, and the time from SQS's SentTimestamp to the batch's hand-over to the function (and to
 * its end) is taken from the mapping's batch record. Warm instances: a few orders go first,
 * untimed. Each round runs on a fresh service.
 *
 * <p>{@code scripts/bench esm} runs it.
 */
public final class EventSourceMappingBench {
  private EventSourceMappingBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int messages = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    for (int round = 1; round <= rounds; round++) {
      LinkedBlockingQueue<BatchRecord> settled = new LinkedBlockingQueue<>();
      try (LocalLambdaService service =
              LocalLambdaService.start(
                  LambdaTestClients.options()
                      .queues(true)
                      .batchListener(
                          batch -> {
                            if (batch.function().equals("TakeOrdersFunction")) {
                              settled.add(batch);
                            }
                          })
                      .build());
          SqsClient sqs = LocalSqs.client(service.sqsEndpoint().orElseThrow(), "us-east-1")) {
        String orders = service.queues().get("BurgerOrdersQueue").url();
        List<Long> toHandler = new ArrayList<>();
        List<Long> toSettled = new ArrayList<>();
        for (int i = -10; i < messages; i++) {
          int customer = i + 100;
          sqs.sendMessage(b -> b.queueUrl(orders).messageBody("{\"customer\": " + customer + "}"));
          BatchRecord batch = settled.poll(30, TimeUnit.SECONDS);
          if (batch == null) {
            throw new IllegalStateException("no batch within 30 s: is function.zip built?");
          }
          if (i >= 0) {
            long sent = batch.messages().getFirst().sentEpochMillis();
            toHandler.add(batch.invokedEpochMillis() - sent);
            toSettled.add(batch.endedEpochMillis() - sent);
          }
          Thread.sleep(Duration.ofMillis(20)); // idle between orders: every poller is waiting
        }
        System.out.printf(
            Locale.ROOT,
            "round %d: %d messages one at a time; message to handler p50 %d ms, p99 %d ms, max %d"
                + " ms; message to settled p50 %d ms, p99 %d ms (load average %s)%n",
            round,
            messages,
            percentile(toHandler, 50),
            percentile(toHandler, 99),
            percentile(toHandler, 100),
            percentile(toSettled, 50),
            percentile(toSettled, 99),
            java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0]);
      }
    }
  }

  private static long percentile(List<Long> values, int percent) {
    List<Long> sorted = values.stream().sorted().toList();
    int index = Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1);
    return sorted.get(Math.max(0, index));
  }
}
