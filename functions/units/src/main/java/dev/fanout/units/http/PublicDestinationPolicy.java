package dev.fanout.units.http;

import dev.fanout.units.FetchException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Lets a fetch reach only public http(s) destinations: every address the host resolves to must be
 * globally routable, so a function cannot be pointed at its own loopback, the instance metadata
 * service (169.254.169.254) or a private network. Checked before the first request and again on
 * every redirect.
 *
 * <p>The check resolves through the JVM's resolver, whose positive cache (30 s by default) then
 * answers the HTTP client's own lookup a moment later, so both see the same addresses.
 */
public final class PublicDestinationPolicy implements DestinationPolicy {

  /** The address blocks that are not globally reachable (RFC 6890 and its updates). */
  private static final List<Block> REFUSED =
      List.of(
          Block.of("0.0.0.0/8", "the 'this network' range, which includes 0.0.0.0"),
          Block.of("10.0.0.0/8", "a private address"),
          Block.of("100.64.0.0/10", "a carrier-grade NAT (shared) address"),
          Block.of("127.0.0.0/8", "a loopback address"),
          Block.of("169.254.0.0/16", "a link-local address, where the instance metadata lives"),
          Block.of("172.16.0.0/12", "a private address"),
          Block.of("192.0.0.0/24", "an IETF protocol assignment"),
          Block.of("192.0.2.0/24", "a documentation address"),
          Block.of("192.168.0.0/16", "a private address"),
          Block.of("198.18.0.0/15", "a benchmarking address"),
          Block.of("198.51.100.0/24", "a documentation address"),
          Block.of("203.0.113.0/24", "a documentation address"),
          Block.of("224.0.0.0/4", "a multicast address"),
          Block.of("240.0.0.0/4", "a reserved or broadcast address"),
          Block.of("::/96", "an unspecified, loopback or IPv4-compatible IPv6 address"),
          Block.of("64:ff9b:1::/48", "a local-use NAT64 address"),
          Block.of("100::/64", "a discard-only IPv6 address"),
          Block.of("2001::/32", "a Teredo address, which hides an IPv4 destination"),
          Block.of("2001:db8::/32", "a documentation IPv6 address"),
          Block.of("fc00::/7", "a unique-local IPv6 address"),
          Block.of("fe80::/10", "a link-local IPv6 address"),
          Block.of("fec0::/10", "a site-local IPv6 address"),
          Block.of("ff00::/8", "a multicast IPv6 address"));

  private final Function<String, List<InetAddress>> resolver;

  /**
   * @param resolver every address a host name resolves to; throws {@link FetchException} when the
   *     name does not resolve. IP literals are handed to it too.
   */
  public PublicDestinationPolicy(Function<String, List<InetAddress>> resolver) {
    this.resolver = resolver;
  }

  /** A policy resolving through the JVM's resolver (and its cache). */
  public static PublicDestinationPolicy create() {
    return new PublicDestinationPolicy(PublicDestinationPolicy::resolveWithJvm);
  }

  /**
   * Every address of {@code host} from the JVM's resolver; IP literals are parsed, not looked up.
   */
  public static List<InetAddress> resolveWithJvm(String host) {
    try {
      return List.of(InetAddress.getAllByName(host));
    } catch (UnknownHostException e) {
      throw new FetchException("cannot resolve the host '" + host + "': " + e.getMessage(), e);
    }
  }

  @Override
  public void check(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw refused(uri, "only http and https URLs may be fetched, not '" + scheme + "'");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw refused(uri, "the URL has no host");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    List<InetAddress> addresses = resolver.apply(host);
    if (addresses.isEmpty()) {
      throw refused(uri, "'" + host + "' resolves to no address");
    }
    for (InetAddress address : addresses) {
      Optional<String> why = whyRefused(address);
      if (why.isPresent()) {
        throw refused(
            uri,
            "'"
                + host
                + "' resolves to "
                + address.getHostAddress()
                + ", "
                + why.get()
                + "; only public addresses may be fetched here");
      }
    }
  }

  /** Why {@code address} is not a public destination, or empty when it is one. */
  public static Optional<String> whyRefused(InetAddress address) {
    byte[] bytes = address.getAddress();
    Optional<byte[]> embedded = embeddedIpv4(address, bytes);
    if (embedded.isPresent()) {
      // An IPv6 form that carries an IPv4 destination is judged by that destination.
      return whyRefused(bytes(embedded.get()))
          .map(why -> "an IPv6 form of " + dotted(embedded.get()) + ", " + why);
    }
    for (Block block : REFUSED) {
      if (block.contains(bytes)) {
        return Optional.of(block.why() + " (" + block.cidr() + ")");
      }
    }
    return Optional.empty();
  }

  /** The IPv4 address inside an IPv4-mapped (::ffff:0:0/96), NAT64 or 6to4 IPv6 address. */
  private static Optional<byte[]> embeddedIpv4(InetAddress address, byte[] bytes) {
    if (!(address instanceof Inet6Address)) {
      return Optional.empty();
    }
    if (startsWith(bytes, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff})
        || startsWith(
            bytes, new byte[] {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0})) {
      return Optional.of(Arrays.copyOfRange(bytes, 12, 16));
    }
    if (bytes[0] == 0x20 && bytes[1] == 0x02) {
      return Optional.of(Arrays.copyOfRange(bytes, 2, 6));
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    return Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static InetAddress bytes(byte[] ipv4) {
    try {
      return Inet4Address.getByAddress(ipv4);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }

  private static String dotted(byte[] ipv4) {
    return (ipv4[0] & 0xff)
        + "."
        + (ipv4[1] & 0xff)
        + "."
        + (ipv4[2] & 0xff)
        + "."
        + (ipv4[3] & 0xff);
  }

  private static FetchException refused(URI uri, String why) {
    return new FetchException("refused " + uri + ": " + why);
  }

  /** An address block in CIDR notation, with what it is for. */
  private record Block(String cidr, byte[] prefix, int bits, String why) {
    static Block of(String cidr, String why) {
      int slash = cidr.indexOf('/');
      byte[] prefix = resolveWithJvm(cidr.substring(0, slash)).getFirst().getAddress();
      return new Block(cidr, prefix, Integer.parseInt(cidr.substring(slash + 1)), why);
    }

    boolean contains(byte[] address) {
      if (address.length != prefix.length) {
        return false;
      }
      int whole = bits / 8;
      if (!Arrays.equals(address, 0, whole, prefix, 0, whole)) {
        return false;
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[whole] & mask) == (prefix[whole] & mask);
    }
  }
}
