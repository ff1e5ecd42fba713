package dev.inbound.smtp;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/** PROXY protocol headers for tests, built byte by byte as HAProxy's proxy-protocol.txt lays them out. */
public final class ProxyHeaders {
    public static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private final ByteArrayOutputStream tlvs = new ByteArrayOutputStream();
    private int versionCommand = 0x21;
    private int familyProtocol = 0x11;
    private byte[] addresses;

    private ProxyHeaders(byte[] addresses) {
        this.addresses = addresses;
    }

    /** A version 1 line, CRLF included. */
    public static byte[] v1(String line) {
        return (line + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A version 1 TCP4 line naming {@code source}:{@code port} as the client. */
    public static byte[] v1Tcp4(String source, int port) {
        return v1("PROXY TCP4 " + source + " 192.0.2.99 " + port + " 25");
    }

    /** A version 2 PROXY command over TCP from {@code source}:{@code port} to 192.0.2.99:25 (or [2001:db8::99]:25). */
    public static ProxyHeaders v2(String source, int port) throws Exception {
        byte[] from = InetAddress.getByName(source).getAddress();
        byte[] to = InetAddress.getByName(from.length == 4 ? "192.0.2.99" : "2001:db8::99").getAddress();
        ByteBuffer block = ByteBuffer.allocate(2 * from.length + 4).put(from).put(to).putShort((short) port).putShort((short) 25);
        ProxyHeaders header = new ProxyHeaders(block.array());
        header.familyProtocol = from.length == 4 ? 0x11 : 0x21;
        return header;
    }

    /** A version 2 LOCAL command, as HAProxy's health checks send. */
    public static ProxyHeaders v2Local() {
        ProxyHeaders header = new ProxyHeaders(new byte[0]);
        header.versionCommand = 0x20;
        header.familyProtocol = 0x00;
        return header;
    }

    public ProxyHeaders versionCommand(int value) {
        versionCommand = value;
        return this;
    }

    public ProxyHeaders familyProtocol(int value) {
        familyProtocol = value;
        return this;
    }

    public ProxyHeaders addresses(byte[] block) {
        addresses = block;
        return this;
    }

    public ProxyHeaders tlv(int type, byte[] value) {
        tlvs.write(type);
        tlvs.write(value.length >> 8);
        tlvs.write(value.length);
        tlvs.writeBytes(value);
        return this;
    }

    public ProxyHeaders tlv(int type, String value) {
        return tlv(type, value.getBytes(StandardCharsets.UTF_8));
    }

    /** An SSL TLV: client flags, verify result, and sub-TLVs as type/value pairs. */
    public ProxyHeaders ssl(int client, int verify, Object... subTypesAndValues) {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        value.write(client);
        value.writeBytes(ByteBuffer.allocate(4).putInt(verify).array());
        for (int i = 0; i < subTypesAndValues.length; i += 2) {
            byte[] sub = ((String) subTypesAndValues[i + 1]).getBytes(StandardCharsets.UTF_8);
            value.write((Integer) subTypesAndValues[i]);
            value.write(sub.length >> 8);
            value.write(sub.length);
            value.writeBytes(sub);
        }
        return tlv(0x20, value.toByteArray());
    }

    public byte[] bytes() {
        byte[] fields = tlvs.toByteArray();
        return ByteBuffer.allocate(16 + addresses.length + fields.length).put(V2_SIGNATURE).put((byte) versionCommand)
                .put((byte) familyProtocol).putShort((short) (addresses.length + fields.length))
                .put(addresses).put(fields).array();
    }

    /** The header with a CRC32c TLV at its end, right ({@code corrupt} false) or wrong. */
    public byte[] withCrc(boolean corrupt) {
        tlv(0x03, new byte[4]);
        byte[] whole = bytes();
        CRC32C crc = new CRC32C();
        crc.update(whole);
        int value = (int) crc.getValue() ^ (corrupt ? 1 : 0);
        ByteBuffer.wrap(whole).putInt(whole.length - 4, value);
        return whole;
    }
}
