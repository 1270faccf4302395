package dev.fanout.units.http;

import java.net.SocketAddress;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.reactor.ssl.TransportSecurityLayer;
import org.apache.hc.core5.util.Timeout;

/**
 * The default TLS set-up (the JVM's trust store, loaded in 200-300 ms) made on the first https
 * connection: fetches of plain http, as every local run's are, never pay for it.
 */
final class TlsOnFirstUse implements TlsStrategy {
  private volatile TlsStrategy tls;

  private TlsStrategy tls() {
    TlsStrategy built = tls;
    if (built == null) {
      synchronized (this) {
        built = tls;
        if (built == null) {
          built = ClientTlsStrategyBuilder.create().useSystemProperties().buildAsync();
          tls = built;
        }
      }
    }
    return built;
  }

  @Override
  public void upgrade(
      TransportSecurityLayer session,
      NamedEndpoint endpoint,
      Object attachment,
      Timeout handshakeTimeout,
      FutureCallback<TransportSecurityLayer> callback) {
    tls().upgrade(session, endpoint, attachment, handshakeTimeout, callback);
  }

  @Override
  @SuppressWarnings("deprecation")
  public boolean upgrade(
      TransportSecurityLayer session,
      HttpHost host,
      SocketAddress localAddress,
      SocketAddress remoteAddress,
      Object attachment,
      Timeout handshakeTimeout) {
    return tls().upgrade(session, host, localAddress, remoteAddress, attachment, handshakeTimeout);
  }
}
