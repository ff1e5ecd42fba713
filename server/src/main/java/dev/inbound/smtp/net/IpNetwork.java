package dev.inbound.smtp.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A block of IP addresses in CIDR notation; a bare address is a block of one.
 *
 * <pre>{@code
 * IpNetwork.parse("10.0.0.0/8").contains(InetAddress.getByName("10.1.2.3")) // true
 * }</pre>
 *
 * @param address the first address of the block
 * @param prefixLength the bits of {@code address} that every member shares
 */
public record IpNetwork(InetAddress address, int prefixLength) {

    public IpNetwork {
        int bits = address.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length must be from 0 to " + bits + ": " + prefixLength);
        }
        byte[] raw = address.getAddress();
        for (int bit = prefixLength; bit < bits; bit++) {
            if ((raw[bit / 8] & (0x80 >> (bit % 8))) != 0) {
                // As Postfix warns of for mynetworks: 10.1.2.3/8 is most likely a typing error.
                throw new IllegalArgumentException(address.getHostAddress() + "/" + prefixLength
                        + " has address bits set past the prefix");
            }
        }
    }

    /** Parses {@code 192.0.2.0/24}, {@code 2001:db8::/32} or a bare address; names are not looked up. */
    public static IpNetwork parse(String text) {
        int slash = text.indexOf('/');
        InetAddress address = parseAddress(slash < 0 ? text : text.substring(0, slash));
        int bits = address.getAddress().length * 8;
        if (slash < 0) {
            return new IpNetwork(address, bits);
        }
        String prefix = text.substring(slash + 1);
        if (!prefix.matches("[0-9]{1,3}")) {
            throw new IllegalArgumentException("not a network in CIDR notation: '" + text + "'");
        }
        return new IpNetwork(address, Integer.parseInt(prefix));
    }

    /**
     * An IP address literal: IPv4 as four decimal numbers without leading zeros, or IPv6. A
     * name is refused rather than looked up.
     */
    public static InetAddress parseAddress(String literal) {
        try {
            if (literal.indexOf(':') >= 0 && literal.matches("[0-9A-Fa-f:.]+")) {
                // With a colon and only these characters the JDK parses a literal and never asks DNS.
                return InetAddress.getByName(literal);
            }
            if (literal.matches("(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\\.|$)){4}")
                    && !literal.endsWith(".")) {
                String[] parts = literal.split("\\.");
                byte[] raw = new byte[4];
                for (int i = 0; i < 4; i++) {
                    raw[i] = (byte) Integer.parseInt(parts[i]);
                }
                return InetAddress.getByAddress(raw);
            }
        } catch (UnknownHostException e) {
            // reported below
        }
        throw new IllegalArgumentException("not an IP address: '" + literal + "'");
    }

    /** Whether {@code candidate} is in this block; IPv4 and IPv6 addresses never match each other. */
    public boolean contains(InetAddress candidate) {
        if ((candidate instanceof Inet4Address) != (address instanceof Inet4Address)) {
            return false;
        }
        byte[] mine = address.getAddress();
        byte[] theirs = candidate.getAddress();
        for (int bit = 0; bit < prefixLength; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((mine[bit / 8] & mask) != (theirs[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
