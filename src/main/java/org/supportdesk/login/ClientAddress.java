package org.supportdesk.login;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The client address failures are counted for. IPv4 addresses as they are; IPv6 addresses by their /64 network,
 * because one subscriber gets a whole /64 and could otherwise use a fresh address for every guess. The address is the
 * connection's peer, or what a reverse proxy forwarded only when {@code server.forward-headers-strategy} says to
 * trust it (Tomcat then rewrites {@code getRemoteAddr()}); a forged X-Forwarded-For changes nothing otherwise.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isBlank()) {
            return "unknown";
        }
        String address = remoteAddress.strip();
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(address.startsWith("[") ? address.substring(1, address.length() - 1)
                    : address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            byte[] network = Arrays.copyOf(Arrays.copyOf(bytes, 8), 16);
            return InetAddress.getByAddress(network).getHostAddress() + "/64";
        } catch (UnknownHostException notAnAddress) {
            return address.length() <= 64 ? address : address.substring(0, 64);
        }
    }
}
