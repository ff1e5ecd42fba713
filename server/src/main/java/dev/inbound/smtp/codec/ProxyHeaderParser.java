package dev.inbound.smtp.codec;

import dev.inbound.smtp.net.IpNetwork;
import dev.inbound.smtp.ProxyInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads a PROXY protocol header, version 1 (a text line) or 2 (binary), as HAProxy's
 * proxy-protocol.txt defines it, from the first bytes of a connection. It keeps no state: it
 * is given all the bytes received so far, which a header may arrive in any number of pieces of,
 * and says whether they hold a whole header, the start of one, or no header.
 */
public final class ProxyHeaderParser {
    /** The longest version 1 line, CRLF included, as the specification sets it. */
    public static final int V1_MAX = 107;
    /**
     * The longest version 2 header taken. The specification allows 65551 bytes; HAProxy sends a
     * few hundred at most (the unique id alone may have 128), and a bound keeps what a
     * connection can make the server hold small.
     */
    public static final int V2_MAX = 4096;

    private static final byte[] V1_SIGNATURE = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final int V2_PREFIX = 16;
    private static final int LOCAL = 0;
    private static final int STREAM = 1;
    private static final int INET = 1;
    private static final int INET6 = 2;
    /** Address block sizes by family: UNSPEC, INET, INET6, UNIX. */
    private static final int[] ADDRESS_LENGTHS = {0, 12, 36, 216};

    /** What the first bytes of a connection begin with. */
    public enum Signature {
        /** Not a PROXY header. */
        NONE,
        /** Too few bytes to tell: they begin like a signature. */
        PARTIAL,
        /** The version 1 signature, {@code "PROXY "}. */
        V1,
        /** The 12-byte version 2 signature. */
        V2
    }

    /** What the bytes so far amount to. */
    public sealed interface Result {
    }

    /** The bytes begin a header, or may: more are needed. */
    public record Incomplete() implements Result {
    }

    /** The bytes do not begin with a PROXY signature. */
    public record Absent() implements Result {
    }

    /** The bytes begin with a signature, but what follows breaks the specification. */
    public record Invalid(String reason) implements Result {
    }

    /** A whole header, {@code length} bytes long; what follows it belongs to the protocol. */
    public record Parsed(ProxyInfo info, int length) implements Result {
    }

    private static final Result INCOMPLETE = new Incomplete();
    private static final Result ABSENT = new Absent();

    private ProxyHeaderParser() {
    }

    /** Which signature {@code bytes}, from their position, begin with; the buffer is not moved. */
    public static Signature signature(ByteBuffer bytes) {
        if (startsWith(bytes, V1_SIGNATURE)) {
            return bytes.remaining() >= V1_SIGNATURE.length ? Signature.V1 : Signature.PARTIAL;
        }
        if (startsWith(bytes, V2_SIGNATURE)) {
            return bytes.remaining() >= V2_SIGNATURE.length ? Signature.V2 : Signature.PARTIAL;
        }
        return Signature.NONE;
    }

    /** Reads the header at the position of {@code bytes}, which is not moved. */
    public static Result parse(ByteBuffer bytes) {
        try {
            return switch (signature(bytes)) {
                case NONE -> ABSENT;
                case PARTIAL -> INCOMPLETE;
                case V1 -> v1(bytes);
                case V2 -> v2(bytes);
            };
        } catch (IllegalArgumentException e) {
            return new Invalid(e.getMessage());
        }
    }

    /** Whether {@code bytes} agree with {@code signature} as far as either goes. */
    private static boolean startsWith(ByteBuffer bytes, byte[] signature) {
        int n = Math.min(bytes.remaining(), signature.length);
        for (int i = 0; i < n; i++) {
            if (bytes.get(bytes.position() + i) != signature[i]) {
                return false;
            }
        }
        return n > 0;
    }

    private static Result v1(ByteBuffer bytes) {
        int start = bytes.position();
        // The CR may be at most at V1_MAX - 2, so that CRLF ends the line at V1_MAX.
        int searchEnd = Math.min(bytes.limit(), start + V1_MAX - 1);
        int cr = -1;
        for (int i = start; i < searchEnd && cr < 0; i++) {
            byte b = bytes.get(i);
            if (b == '\r') {
                cr = i;
            } else if (b < 0x20 || b > 0x7E) {
                throw new IllegalArgumentException("v1 line with a byte that is not printable ASCII");
            }
        }
        if (cr < 0) {
            if (bytes.remaining() >= V1_MAX - 1) {
                throw new IllegalArgumentException("v1 line longer than " + V1_MAX + " bytes");
            }
            return INCOMPLETE;
        }
        if (cr + 1 >= bytes.limit()) {
            return INCOMPLETE;
        }
        if (bytes.get(cr + 1) != '\n') {
            throw new IllegalArgumentException("v1 line with a CR not followed by LF");
        }
        byte[] line = new byte[cr - start];
        bytes.get(start, line);
        String[] fields = new String(line, StandardCharsets.US_ASCII).split(" ", -1);
        int length = cr + 2 - start;
        if (fields[1].equals("UNKNOWN")) {
            // The specification has the receiver ignore whatever follows UNKNOWN.
            return new Parsed(new ProxyInfo(1, null, null, null, null, null, null), length);
        }
        boolean ipv4 = fields[1].equals("TCP4");
        if (!ipv4 && !fields[1].equals("TCP6")) {
            throw new IllegalArgumentException("v1 protocol is not TCP4, TCP6 or UNKNOWN");
        }
        if (fields.length != 6) {
            throw new IllegalArgumentException("v1 line without exactly two addresses and two ports, single spaced");
        }
        InetSocketAddress source = new InetSocketAddress(v1Address(fields[2], ipv4), v1Port(fields[4]));
        InetSocketAddress destination = new InetSocketAddress(v1Address(fields[3], ipv4), v1Port(fields[5]));
        return new Parsed(new ProxyInfo(1, source, destination, null, null, null, null), length);
    }

    /**
     * An address of the line's family. A TCP6 line may carry an IPv4-mapped address (HAProxy
     * sends one for an IPv4 client of an IPv6 socket), which is then the IPv4 address.
     */
    private static InetAddress v1Address(String text, boolean ipv4) {
        if (ipv4 == text.indexOf(':') >= 0) {
            throw new IllegalArgumentException("v1 address of another family than " + (ipv4 ? "TCP4" : "TCP6"));
        }
        return IpNetwork.parseAddress(text);
    }

    private static int v1Port(String text) {
        if (!text.matches("0|[1-9][0-9]{0,4}") || Integer.parseInt(text) > 65535) {
            throw new IllegalArgumentException("v1 port that is not a number from 0 to 65535");
        }
        return Integer.parseInt(text);
    }

    private static Result v2(ByteBuffer bytes) {
        if (bytes.remaining() < V2_PREFIX) {
            return INCOMPLETE;
        }
        int start = bytes.position();
        int versionCommand = bytes.get(start + 12) & 0xFF;
        int familyProtocol = bytes.get(start + 13) & 0xFF;
        int length = V2_PREFIX + (bytes.getShort(start + 14) & 0xFFFF);
        int command = versionCommand & 0x0F;
        int family = familyProtocol >> 4;
        if (versionCommand >> 4 != 2) {
            throw new IllegalArgumentException("v2 signature with version " + (versionCommand >> 4));
        }
        if (command > 1) {
            throw new IllegalArgumentException("v2 command that is neither LOCAL nor PROXY");
        }
        if (family >= ADDRESS_LENGTHS.length || (familyProtocol & 0x0F) > 2) {
            throw new IllegalArgumentException("v2 address family or protocol unknown");
        }
        if (length > V2_MAX) {
            throw new IllegalArgumentException("v2 header longer than " + V2_MAX + " bytes");
        }
        if (bytes.remaining() < length) {
            return INCOMPLETE;
        }
        if (command == LOCAL) {
            // The proxy speaks for itself (a health check): the specification has the receiver
            // keep the real endpoints and skip the rest of the header.
            return new Parsed(new ProxyInfo(2, null, null, null, null, null, null), length);
        }
        int addresses = ADDRESS_LENGTHS[family];
        if (length - V2_PREFIX < addresses) {
            throw new IllegalArgumentException("v2 length too short for its addresses");
        }
        ByteBuffer header = bytes.slice(start, length);
        InetSocketAddress source = null;
        InetSocketAddress destination = null;
        // UNSPEC and UNIX families, and datagrams, name no TCP client: the TCP peer stays the client.
        if ((family == INET || family == INET6) && (familyProtocol & 0x0F) == STREAM) {
            int size = family == INET ? 4 : 16;
            source = new InetSocketAddress(v2Address(header, V2_PREFIX, size),
                    header.getShort(V2_PREFIX + 2 * size) & 0xFFFF);
            destination = new InetSocketAddress(v2Address(header, V2_PREFIX + size, size),
                    header.getShort(V2_PREFIX + 2 * size + 2) & 0xFFFF);
        }
        return new Parsed(ProxyTlvs.read(header, V2_PREFIX + addresses).info(source, destination), length);
    }

    private static InetAddress v2Address(ByteBuffer header, int offset, int size) {
        byte[] raw = new byte[size];
        header.get(offset, raw);
        try {
            return InetAddress.getByAddress(raw);
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible); // only for a length other than 4 or 16
        }
    }
}
