package dev.inbound.smtp.codec;

import dev.inbound.smtp.ProxyInfo;
import dev.inbound.smtp.ProxySsl;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * The type-length-value fields at the end of a PROXY version 2 header: the ones a handler may
 * want (ALPN, authority, unique id, SSL) are kept, a CRC32c is checked, others are skipped as
 * the specification asks. Any field that overruns the header, or a known one twice, makes the
 * header invalid ({@link IllegalArgumentException}).
 */
final class ProxyTlvs {
    private static final int ALPN = 0x01;
    private static final int AUTHORITY = 0x02;
    private static final int CRC32C_TYPE = 0x03;
    private static final int UNIQUE_ID = 0x05;
    private static final int SSL = 0x20;
    private static final int SSL_VERSION = 0x21;
    private static final int SSL_CN = 0x22;
    private static final int SSL_CIPHER = 0x23;
    private static final int SSL_SIG_ALG = 0x24;
    private static final int SSL_KEY_ALG = 0x25;
    private static final Set<Integer> ONCE = Set.of(ALPN, AUTHORITY, CRC32C_TYPE, UNIQUE_ID, SSL);
    private static final int UNIQUE_ID_MAX = 128;
    /** The SSL value before its sub-fields: one byte of client flags, four of verify result. */
    private static final int SSL_FIXED = 5;

    private String alpn;
    private String authority;
    private byte[] uniqueId;
    private ProxySsl ssl;

    private ProxyTlvs() {
    }

    /** Reads the fields of {@code header}, the whole header from its signature on, from {@code offset}. */
    static ProxyTlvs read(ByteBuffer header, int offset) {
        ProxyTlvs tlvs = new ProxyTlvs();
        boolean[] seen = new boolean[256];
        String[] sslFields = new String[SSL_KEY_ALG - SSL_VERSION + 1];
        forEach(header, offset, header.limit(), (type, value, at) -> {
            if (seen[type] && ONCE.contains(type)) {
                throw new IllegalArgumentException("v2 TLV of type " + type + " twice");
            }
            seen[type] = true;
            switch (type) {
                case ALPN -> tlvs.alpn = new String(bytes(value), StandardCharsets.ISO_8859_1);
                case AUTHORITY -> tlvs.authority = text(value);
                case CRC32C_TYPE -> checkCrc(header, value, at);
                case UNIQUE_ID -> tlvs.uniqueId = uniqueId(value);
                case SSL -> tlvs.ssl = ssl(value, sslFields);
                default -> {
                    // NOOP, NETNS, and types this server has no use for
                }
            }
        });
        return tlvs;
    }

    ProxyInfo info(InetSocketAddress source, InetSocketAddress destination) {
        return new ProxyInfo(2, source, destination, alpn, authority, uniqueId, ssl);
    }

    private interface Field {
        /** One field: its type, its value, and where the value starts in the header. */
        void accept(int type, ByteBuffer value, int at);
    }

    private static void forEach(ByteBuffer header, int from, int to, Field field) {
        int at = from;
        while (at < to) {
            if (to - at < 3) {
                throw new IllegalArgumentException("v2 TLV cut short");
            }
            int type = header.get(at) & 0xFF;
            int length = header.getShort(at + 1) & 0xFFFF;
            if (length > to - at - 3) {
                throw new IllegalArgumentException("v2 TLV longer than the header");
            }
            field.accept(type, header.slice(at + 3, length), at + 3);
            at += 3 + length;
        }
    }

    private static byte[] bytes(ByteBuffer value) {
        byte[] copy = new byte[value.remaining()];
        value.get(value.position(), copy);
        return copy;
    }

    /** UTF-8, as the specification has it for names; a broken sequence shows as U+FFFD. */
    private static String text(ByteBuffer value) {
        return new String(bytes(value), StandardCharsets.UTF_8);
    }

    private static byte[] uniqueId(ByteBuffer value) {
        if (value.remaining() > UNIQUE_ID_MAX) {
            throw new IllegalArgumentException("v2 unique id longer than " + UNIQUE_ID_MAX + " bytes");
        }
        return bytes(value);
    }

    /** The checksum covers the whole header with its own four bytes taken as zero. */
    private static void checkCrc(ByteBuffer header, ByteBuffer value, int at) {
        if (value.remaining() != 4) {
            throw new IllegalArgumentException("v2 CRC32c TLV that is not 4 bytes");
        }
        byte[] whole = bytes(header);
        whole[at] = 0;
        whole[at + 1] = 0;
        whole[at + 2] = 0;
        whole[at + 3] = 0;
        CRC32C crc = new CRC32C();
        crc.update(whole);
        if ((int) crc.getValue() != value.getInt(0)) {
            throw new IllegalArgumentException("v2 CRC32c does not match");
        }
    }

    private static ProxySsl ssl(ByteBuffer value, String[] fields) {
        if (value.remaining() < SSL_FIXED) {
            throw new IllegalArgumentException("v2 SSL TLV too short");
        }
        forEach(value, SSL_FIXED, value.limit(), (type, sub, at) -> {
            if (type >= SSL_VERSION && type <= SSL_KEY_ALG) {
                fields[type - SSL_VERSION] = text(sub);
            }
        });
        return new ProxySsl(value.get(0) & 0xFF, value.getInt(1), field(fields, SSL_VERSION),
                field(fields, SSL_CIPHER), field(fields, SSL_CN), field(fields, SSL_SIG_ALG), field(fields, SSL_KEY_ALG));
    }

    private static String field(String[] fields, int type) {
        String text = fields[type - SSL_VERSION];
        return text == null ? "" : text;
    }
}
