package dev.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.fanout.localcloud.dynamodb.LocalDynamoDb;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local runs never look for real credentials: the packaged CLI runs in a child JVM whose
 * environment names a profile, keys, a container credentials endpoint and an instance-metadata
 * service that must not be used, and runs the lambda strategy and the bank (worker JVMs and Lambda
 * instances on one DynamoDB table). The profile's credential process leaves a mark when run; the
 * metadata and container endpoints are a canary on 127.0.0.1 that counts what it is asked; the
 * DynamoDB of the keyed runs sits behind a relay that notes each request's access key.
 */
class LocalCredentialsIT {
  private static final String PROFILE = "must-not-be-used";
  private static final String FAKE_KEY = "AKIAMUSTNOTBEUSED000";

  @TempDir static Path temp;
  private static HttpServer canary;
  private static final List<String> asked = new CopyOnWriteArrayList<>();
  private static Path mark;
  private static Path config;

  @BeforeAll
  static void setUp() throws IOException {
    canary = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    canary.createContext(
        "/",
        exchange -> {
          asked.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        });
    canary.start();
    mark = temp.resolve("credential-process-ran");
    Path process = temp.resolve("credential-process.sh");
    Files.writeString(process, "#!/bin/sh\necho ran >> '" + mark + "'\nexit 1\n");
    Files.setPosixFilePermissions(process, PosixFilePermissions.fromString("rwx------"));
    config = temp.resolve("config");
    Files.writeString(config, "[profile " + PROFILE + "]\ncredential_process = " + process + "\n");
    Files.writeString(
        temp.resolve("credentials"), "[" + PROFILE + "]\ncredential_process = " + process + "\n");
  }

  @BeforeEach
  void forgetEarlierRuns() throws IOException {
    asked.clear();
    Files.deleteIfExists(mark);
  }

  @AfterAll
  static void tearDown() {
    canary.stop(0);
  }

  private static URI canaryUri() {
    return URI.create("http://127.0.0.1:" + canary.getAddress().getPort());
  }

  @Test
  void lambdaRun_withAProfileAndAMetadataServiceAround_usesNeither() throws Exception {
    Result result =
        fanout(
            Map.of(),
            "run",
            "--workload",
            "fib",
            "--strategy",
            "lambda",
            "--tasks",
            "4",
            "--max-instances",
            "2",
            "--no-warmup",
            "--no-html");

    assertThat(result.exit()).as(result.output()).isZero();
    assertNothingLookedForCredentials();
  }

  @Test
  void bankOnTheLocalDynamoDb_processesAndLambda_useNeitherProfileNorMetadataService()
      throws Exception {
    for (String strategy : List.of("processes", "lambda")) {
      Result result = fanout(Map.of(), bank(strategy));

      assertThat(result.exit()).as(strategy + ": " + result.output()).isZero();
      assertThat(result.output()).contains("invariants hold");
    }
    assertNothingLookedForCredentials();
  }

  @Test
  void bankWithKeysInTheEnvironment_signsEveryDynamoDbRequestWithTheLocalKey() throws Exception {
    Map<String, String> keys =
        Map.of(
            "AWS_ACCESS_KEY_ID", FAKE_KEY,
            "AWS_SECRET_ACCESS_KEY", "must-not-be-used",
            "AWS_SESSION_TOKEN", "must-not-be-used");
    try (LocalDynamoDb dynamo = LocalDynamoDb.start();
        KeyRecordingRelay relay = KeyRecordingRelay.start(dynamo.endpoint())) {
      for (String strategy : List.of("processes", "lambda")) {
        List<String> args = new ArrayList<>(List.of(bank(strategy)));
        args.addAll(List.of("--dynamodb-endpoint", relay.endpoint().toString()));

        Result result = fanout(keys, args.toArray(String[]::new));

        assertThat(result.exit()).as(strategy + ": " + result.output()).isZero();
      }
      assertThat(relay.keys()).containsExactly("fanout");
    }
    assertNothingLookedForCredentials();
  }

  private static String[] bank(String strategy) {
    return new String[] {
      "bank",
      "--strategy",
      strategy,
      "--transfers",
      "40",
      "--concurrency",
      "2",
      "--max-instances",
      "2",
      "--verify-ms",
      "0"
    };
  }

  private static void assertNothingLookedForCredentials() {
    assertThat(asked).as("requests to the metadata and container credentials canary").isEmpty();
    assertThat(mark).as("the profile's credential process ran").doesNotExist();
  }

  record Result(int exit, String output) {}

  /**
   * The packaged CLI in a child JVM, with no AWS variable of this machine's own: only the profile,
   * the canary endpoints and {@code more}.
   */
  private static Result fanout(Map<String, String> more, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        PackagedCli.command(
            List.of("-Daws.ec2MetadataServiceEndpoint=" + canaryUri()), List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("AWS_"));
    environment.put("AWS_PROFILE", PROFILE);
    environment.put("AWS_CONFIG_FILE", config.toString());
    environment.put("AWS_SHARED_CREDENTIALS_FILE", temp.resolve("credentials").toString());
    environment.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", canaryUri().toString());
    environment.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", canaryUri() + "/credentials");
    environment.putAll(more);
    Path output = Files.createTempFile(temp, "fanout-", ".txt");
    Process process = builder.redirectOutput(output.toFile()).start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("fanout did not finish in 5 minutes: " + Files.readString(output));
    }
    return new Result(process.exitValue(), Files.readString(output));
  }

  /**
   * A TCP relay to {@code target} on 127.0.0.1 that notes the access key of every signed request
   * passing through ({@code Credential=KEY/...} in the Authorization header).
   */
  static final class KeyRecordingRelay implements AutoCloseable {
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/\\s,]+)/");

    private final ServerSocket server;
    private final URI target;
    private final Set<String> keys = ConcurrentHashMap.newKeySet();

    private KeyRecordingRelay(ServerSocket server, URI target) {
      this.server = server;
      this.target = target;
    }

    static KeyRecordingRelay start(URI target) throws IOException {
      KeyRecordingRelay relay =
          new KeyRecordingRelay(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), target);
      Thread.ofVirtual().start(relay::accept);
      return relay;
    }

    URI endpoint() {
      return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    Set<String> keys() {
      return Set.copyOf(keys);
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          Thread.ofVirtual().start(() -> relay(client));
        } catch (IOException e) {
          if (!server.isClosed()) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }

    /** One connection: both directions, then both sockets closed. */
    private void relay(Socket client) {
      try (client;
          Socket upstream = new Socket(target.getHost(), target.getPort())) {
        Thread answers = Thread.ofVirtual().start(() -> pump(upstream, client, false));
        pump(client, upstream, true);
        answers.join();
      } catch (IOException e) {
        // The target went away: so does this connection.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Copies {@code from} to {@code to}; requests are scanned with what came before them. */
    private void pump(Socket from, Socket to, boolean requests) {
      byte[] buffer = new byte[8192];
      String tail = "";
      try {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          if (requests) {
            String seen = tail + new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
            Matcher matcher = CREDENTIAL.matcher(seen);
            while (matcher.find()) {
              keys.add(matcher.group(1));
            }
            tail = seen.substring(Math.max(0, seen.length() - 256));
          }
          out.write(buffer, 0, n);
          out.flush();
        }
        to.shutdownOutput();
      } catch (IOException e) {
        // One side failed: end the other direction too.
        closeQuietly(from);
        closeQuietly(to);
      }
    }

    private static void closeQuietly(Socket socket) {
      try {
        socket.close();
      } catch (IOException e) {
        // Closed already.
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
