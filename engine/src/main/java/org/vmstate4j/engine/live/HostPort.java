package org.vmstate4j.engine.live;

import java.net.InetSocketAddress;

/** Parses the {@code HOST:PORT} of the command line and QEMU's {@code tcp:HOST:PORT} URIs. */
public final class HostPort {
  private HostPort() {}

  /**
   * {@code 127.0.0.1:4444}, {@code localhost:4444}, {@code [::1]:4444}, or the same with QEMU's
   * {@code tcp:} prefix. Port 0 (listen on any free port) is allowed. The host is resolved.
   */
  public static InetSocketAddress parse(String text) {
    String s = text.startsWith("tcp:") ? text.substring(4) : text;
    int colon = s.lastIndexOf(':');
    if (colon <= 0 || colon == s.length() - 1) {
      throw new IllegalArgumentException("expected HOST:PORT, e.g. 127.0.0.1:4444, not '"
          + text + "'");
    }
    String host = s.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(s.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535 in '" + text + "'");
    }
    return new InetSocketAddress(host, port);
  }

  /** {@code host:port} of an address, numeric when resolved. */
  public static String format(InetSocketAddress address) {
    String host = address.getAddress() != null ? address.getAddress().getHostAddress()
        : address.getHostString();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
