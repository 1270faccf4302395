package dev.fanout.units.store.s3;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Binds S3Mock's extra plain-HTTP connector to 127.0.0.1, as S3Mock itself leaves it on every
 * interface ({@code server.address} reaches only its main connector). Handed to S3Mock's Spring
 * context through the {@code spring.main.sources} property.
 */
public class S3MockOnLoopback implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.getAdditionalTomcatConnectors().forEach(c -> c.setProperty("address", "127.0.0.1"));
  }
}
