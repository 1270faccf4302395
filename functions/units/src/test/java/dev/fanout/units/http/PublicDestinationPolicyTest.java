package dev.fanout.units.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.fanout.units.FetchException;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PublicDestinationPolicyTest {
  private static final InetAddress PUBLIC_V4 = address("93.184.216.34");

  /** Test names, resolved by the injected resolver; anything else goes to the JVM's resolver. */
  private static final Map<String, List<InetAddress>> NAMES =
      Map.of(
          "example.test", List.of(PUBLIC_V4),
          "loopback.test", List.of(address("127.0.0.1")),
          "metadata.test", List.of(address("169.254.169.254")),
          "mixed.test", List.of(PUBLIC_V4, address("10.1.2.3")),
          "mapped.test", List.of(ipv4MappedIpv6(127, 0, 0, 1)),
          "nowhere.test", List.of());

  private final PublicDestinationPolicy policy =
      new PublicDestinationPolicy(
          host ->
              NAMES.containsKey(host)
                  ? NAMES.get(host)
                  : PublicDestinationPolicy.resolveWithJvm(host));

  private CountingServer target;
  private ApacheHttpFetcher fetcher;

  @BeforeEach
  void start() throws IOException {
    target = new CountingServer();
    fetcher =
        ApacheHttpFetcher.create(FetchLimits.defaults().withTimeout(Duration.ofSeconds(5)), policy);
  }

  @AfterEach
  void stop() throws IOException {
    fetcher.close();
    target.close();
  }

  static Stream<String> hostileUrls() {
    return Stream.of(
        "file:///etc/passwd",
        "ftp://127.0.0.1:PORT/",
        "http://127.0.0.1:PORT/",
        "http://127.1.2.3:PORT/",
        "https://127.0.0.1:PORT/",
        "http://localhost:PORT/",
        "http://[::1]:PORT/",
        "http://[::ffff:127.0.0.1]:PORT/",
        "http://0.0.0.0:PORT/",
        "http://[::]:PORT/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:169.254.169.254]/latest/meta-data/",
        "http://10.0.0.1/",
        "http://172.16.0.1/",
        "http://172.31.255.254/",
        "http://192.168.1.1/",
        "http://100.64.0.1/",
        "http://224.0.0.1/",
        "http://255.255.255.255/",
        "http://[fd00::1]/",
        "http://[fc00::1]/",
        "http://[fe80::1]/",
        "http://[ff02::1]/",
        "http://[64:ff9b::a00:1]/",
        "http://[2002:7f00:1::]/",
        "http://loopback.test:PORT/",
        "http://metadata.test/latest/meta-data/",
        "http://mixed.test/",
        "http://mapped.test:PORT/",
        "http://nowhere.test/");
  }

  @ParameterizedTest
  @MethodSource("hostileUrls")
  void hostileUrl_isRefusedBeforeAnyConnection(String template) throws Exception {
    URI url = URI.create(template.replace("PORT", Integer.toString(target.port())));

    assertThatThrownBy(() -> fetcher.get(url))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining("refused");
    assertThat(target.connectionsBeforeProbe()).isZero();
  }

  @Test
  void redirectToLoopback_isRefusedBeforeTheRedirectTargetSeesAByte() throws Exception {
    HttpServer redirector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicInteger redirectorRequests = new AtomicInteger();
    redirector.createContext(
        "/",
        exchange -> {
          redirectorRequests.incrementAndGet();
          exchange
              .getResponseHeaders()
              .add("Location", "http://127.0.0.1:" + target.port() + "/secret");
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    redirector.start();
    int redirectorPort = redirector.getAddress().getPort();
    // Only the first hop is let through (it stands for a public site); the redirect meets the real
    // policy.
    DestinationPolicy firstHopExempt =
        uri -> {
          if (uri.getPort() != redirectorPort) {
            policy.check(uri);
          }
        };
    try (ApacheHttpFetcher redirected =
        ApacheHttpFetcher.create(
            FetchLimits.defaults().withTimeout(Duration.ofSeconds(5)), firstHopExempt)) {
      assertThatThrownBy(
              () -> redirected.get(URI.create("http://127.0.0.1:" + redirectorPort + "/start")))
          .isInstanceOf(FetchException.class)
          .hasMessageContaining("refused http://127.0.0.1:" + target.port() + "/secret")
          .hasMessageContaining("loopback");
    } finally {
      redirector.stop(0);
    }
    assertThat(redirectorRequests).hasValue(1);
    assertThat(target.connectionsBeforeProbe()).isZero();
  }

  @Test
  void countingServer_seesAConnectionWhenNothingIsRefused() throws Exception {
    try (ApacheHttpFetcher open =
        ApacheHttpFetcher.create(
            FetchLimits.defaults().withTimeout(Duration.ofSeconds(5)),
            DestinationPolicy.anyHttp())) {
      assertThatThrownBy(() -> open.get(URI.create("http://127.0.0.1:" + target.port() + "/")))
          .isInstanceOf(FetchException.class);
    }
    assertThat(target.connectionsBeforeProbe()).isPositive();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://example.test/",
        "https://example.test:8443/path?q=1",
        "http://93.184.216.34/",
        "http://8.8.8.8/",
        "http://172.32.0.1/",
        "http://[2606:2800:220:1:248:1893:25c8:1946]/",
        "http://[64:ff9b::5db8:d822]/"
      })
  void publicDestination_passesTheCheck(String url) {
    assertThatNoException().isThrownBy(() -> policy.check(URI.create(url)));
  }

  @Test
  void refusal_namesTheAddressAndWhy() {
    assertThatThrownBy(() -> policy.check(URI.create("http://metadata.test/latest")))
        .isInstanceOf(FetchException.class)
        .hasMessage(
            "refused http://metadata.test/latest: 'metadata.test' resolves to 169.254.169.254, a"
                + " link-local address, where the instance metadata lives (169.254.0.0/16); only"
                + " public addresses may be fetched here");
  }

  @Test
  void everyResolvedAddressCounts_notOnlyTheFirst() {
    assertThatThrownBy(() -> policy.check(URI.create("http://mixed.test/")))
        .hasMessageContaining("10.1.2.3")
        .hasMessageContaining("private");
  }

  @Test
  void whyRefused_judgesIpv4MappedIpv6ByItsIpv4Address() {
    assertThat(PublicDestinationPolicy.whyRefused(ipv4MappedIpv6(10, 0, 0, 1)))
        .hasValueSatisfying(why -> assertThat(why).contains("10.0.0.1").contains("private"));
    assertThat(PublicDestinationPolicy.whyRefused(ipv4MappedIpv6(93, 184, 216, 34))).isEmpty();
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }

  /** An Inet6Address kept in ::ffff:a.b.c.d form (InetAddress.getByName would turn it to IPv4). */
  private static InetAddress ipv4MappedIpv6(int a, int b, int c, int d) {
    byte[] bytes = new byte[16];
    bytes[10] = (byte) 0xff;
    bytes[11] = (byte) 0xff;
    bytes[12] = (byte) a;
    bytes[13] = (byte) b;
    bytes[14] = (byte) c;
    bytes[15] = (byte) d;
    try {
      return Inet6Address.getByAddress("mapped", bytes, -1);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A TCP server on 127.0.0.1 that counts accepted connections and closes them at once. */
  private static final class CountingServer implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor = Thread.ofVirtual().start(this::acceptLoop);

    CountingServer() throws IOException {}

    int port() {
      return socket.getLocalPort();
    }

    private void acceptLoop() {
      while (!socket.isClosed()) {
        try (Socket ignored = socket.accept()) {
          accepted.incrementAndGet();
        } catch (IOException e) {
          return; // closed
        }
      }
    }

    /**
     * How many connections were accepted before this call. The server accepts in arrival order and
     * counts before it closes, so once our own probe reads end-of-stream every earlier connection
     * has been counted: no sleeping and hoping.
     */
    int connectionsBeforeProbe() throws IOException {
      try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port())) {
        probe.setSoTimeout(5_000);
        assertThat(probe.getInputStream().read()).isEqualTo(-1);
      }
      return accepted.get() - 1;
    }

    @Override
    public void close() throws IOException {
      socket.close();
      acceptor.interrupt();
    }
  }
}
