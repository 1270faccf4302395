package dev.fanout.cli;

import dev.fanout.engine.StandIns;
import dev.fanout.localcloud.lambda.FunctionConfig;
import dev.fanout.localcloud.lambda.LocalLambdaOptions;
import dev.fanout.localcloud.lambda.LocalLambdaService;
import dev.fanout.localcloud.lambda.esm.QueueTrigger;
import dev.fanout.localcloud.sqs.LocalQueue;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fanout lambda}: the local Lambda service. */
@Command(
    name = "lambda",
    mixinStandardHelpOptions = true,
    description = "The local Lambda service: the template's functions, run from function.zip.",
    subcommands = {
      LambdaCommand.Serve.class,
      LambdaInvokeCommand.class,
      CommandLine.HelpCommand.class
    })
final class LambdaCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "name a subcommand: serve, invoke");
  }

  /** {@code fanout lambda serve}: serves the Invoke API until interrupted. */
  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = {
        "Serves the Lambda Invoke API on 127.0.0.1 for the functions of template.yaml, each run"
            + " from the built function.zip in child JVMs as Lambda runs them: warm instances"
            + " reused, cold ones started up to each function's concurrency, 429 past it,"
            + " timeouts enforced, REPORT lines in the tail log. Any Lambda client can call it:",
        "  aws lambda invoke --endpoint-url http://127.0.0.1:3001 --function-name FibFunction"
            + " --cli-binary-format raw-in-base64-out --payload '{\"n\":30}' out.json",
        "(AWS CLI v1: without --cli-binary-format; any credentials and region will do.)",
        "Stop it with Ctrl-C."
      })
  static final class Serve implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind.")
    String host;

    @Option(names = "--port", defaultValue = "3001", description = "Port (0: any free port).")
    int port;

    @Mixin ServedFunctions served;

    @Mixin LocalServiceOptions local;

    /** The old spelling of --idle-timeout, in whole seconds: kept working for now. */
    @Option(names = "--idle-timeout-s", hidden = true)
    Integer idleTimeoutSeconds;

    @Option(
        names = "--reserved",
        paramLabel = "FUNCTION=N",
        description =
            "Reserved concurrency of one function (repeatable), within the limit of"
                + " --max-instances.")
    Map<String, Integer> reserved = new LinkedHashMap<>();

    @Option(names = "--logs", description = "Print each invocation's log (output, END, REPORT).")
    boolean logs;

    @Option(
        names = "--sqs-port",
        defaultValue = "9324",
        description =
            "Port of the local SQS that holds the template's queues, for any SQS client (0: any"
                + " free port; default: ${DEFAULT-VALUE}).")
    int sqsPort;

    @Option(
        names = "--no-queues",
        description =
            "Serve no queues: no local SQS, and the functions' SQS event source mappings do not"
                + " run.")
    boolean noQueues;

    @Override
    public Integer call() throws InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      local.validate();
      reserved.values().forEach(n -> LocalServiceOptions.instances("--reserved", n));
      Duration idleTimeout = idleTimeout(err);
      ServedFunctions.Located files = served.located(err);
      if (files == null) {
        return FanoutMain.USAGE;
      }
      OptionChecks.range("--sqs-port", sqsPort, 0, 65_535);
      // What the functions reach on this machine, started here: the caller's --env wins.
      StandIns standIns = StandIns.start();
      LocalLambdaOptions.Builder options =
          files.options(served, standIns).host(host).port(port).queues(!noQueues).sqsPort(sqsPort);
      // Only what was given: the service's own defaults apply otherwise.
      if (local.maxInstances != null) {
        options.maxInstancesPerFunction(local.maxInstances);
      }
      if (idleTimeout != null) {
        options.idleTimeout(idleTimeout);
      }
      reserved.forEach(options::reservedConcurrency);
      if (logs) {
        options.logListener(
            log -> {
              synchronized (out) {
                out.print(log);
                out.flush();
              }
            });
      }
      LocalLambdaService service;
      try {
        service = LocalLambdaService.start(options.build());
      } catch (RuntimeException e) {
        standIns.close();
        throw e;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    service.close();
                    standIns.close();
                    stopped.countDown();
                  }));
      printBanner(out, service, files.template(), files.zip());
      printQueues(out, service, standIns);
      stopped.await();
      return FanoutMain.OK;
    }

    private static void printBanner(
        PrintWriter out, LocalLambdaService service, Path template, Path zip) {
      synchronized (out) {
        out.println("fanout local Lambda service on " + service.endpoint() + " (Ctrl-C stops it)");
        out.println("  template  " + template);
        out.println("  zip       " + zip);
        out.printf("  %-20s %8s %8s %12s%n", "function", "memory", "timeout", "concurrency");
        Map<String, Integer> limits = service.concurrencyLimits();
        for (FunctionConfig function : service.functions()) {
          out.printf(
              "  %-20s %5d MB %6d s %12s%n",
              function.name(),
              function.memoryMb(),
              function.timeout().toSeconds(),
              limits.get(function.name()) + (function.reserved().isPresent() ? " (reserved)" : ""));
        }
        for (String warning : service.warnings()) {
          boolean overridden =
              service.options().environmentOverrides().keySet().stream()
                  .anyMatch(name -> warning.contains("environment variable " + name + " left out"));
          if (!overridden) {
            out.println("  note: " + warning);
          }
        }
        out.println("Invoke one (any credentials and region will do):");
        out.println(
            "  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=us-east-1 \\");
        out.println(
            "  aws lambda invoke --endpoint-url "
                + service.endpoint()
                + " --function-name FibFunction \\");
        out.println("      --cli-binary-format raw-in-base64-out --payload '{\"n\":30}' out.json");
        out.println("  (AWS CLI v1: leave out --cli-binary-format)");
        out.flush();
      }
    }

    private static void printQueues(
        PrintWriter out, LocalLambdaService service, StandIns standIns) {
      synchronized (out) {
        out.println("Stand-ins the functions reach: " + standIns.describe());
        if (service.sqsEndpoint().isEmpty()) {
          out.flush();
          return;
        }
        URI sqs = service.sqsEndpoint().get();
        out.println("Local SQS on " + sqs + ", the template's queues:");
        service.queues().values().forEach(q -> out.printf("  %-22s %s%n", q.logicalId(), q.url()));
        out.println("Event source mappings (function <- queue):");
        for (QueueTrigger trigger : service.queueTriggers()) {
          out.printf(
              "  %-20s <- %s (batch %d, window %d s, max concurrency %s%s)%s%n",
              trigger.function(),
              trigger.queueArn().substring(trigger.queueArn().lastIndexOf(':') + 1),
              trigger.batchSize(),
              trigger.batchingWindow().toSeconds(),
              trigger.concurrency(service.concurrencyLimits().get(trigger.function())),
              trigger.reportBatchItemFailures() ? ", ReportBatchItemFailures" : "",
              trigger.enabled() ? "" : " disabled");
        }
        LocalQueue orders = service.queues().get("BurgerOrdersQueue");
        LocalQueue served = service.queues().get("BurgerServedQueue");
        if (orders != null && served != null) {
          out.println("Order a burger, then collect it:");
          out.println(
              "  aws sqs send-message --endpoint-url "
                  + sqs
                  + " --queue-url "
                  + orders.url()
                  + " --message-body '{\"customer\": 7}'");
          out.println(
              "  aws sqs receive-message --endpoint-url "
                  + sqs
                  + " --queue-url "
                  + served.url()
                  + " --wait-time-seconds 10");
        }
        out.flush();
      }
    }

    /** --idle-timeout, or its old spelling with a deprecation line; null for neither. */
    private Duration idleTimeout(PrintWriter err) {
      if (idleTimeoutSeconds == null) {
        return local.idleTimeout();
      }
      if (local.idleTimeout != null) {
        throw new IllegalArgumentException(
            "--idle-timeout-s is the old spelling of --idle-timeout: give one of them");
      }
      OptionChecks.range("--idle-timeout-s", idleTimeoutSeconds, 1, Integer.MAX_VALUE);
      err.println(
          "fanout: deprecated: --idle-timeout-s is now --idle-timeout, e.g. --idle-timeout "
              + idleTimeoutSeconds
              + "s");
      err.flush();
      return Duration.ofSeconds(idleTimeoutSeconds);
    }
  }
}
