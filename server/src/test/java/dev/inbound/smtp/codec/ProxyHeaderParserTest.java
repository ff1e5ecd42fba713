package dev.inbound.smtp.codec;

import static dev.inbound.smtp.ProxyHeaders.v1;
import static dev.inbound.smtp.ProxyHeaders.v2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.ProxyHeaders;
import dev.inbound.smtp.ProxyInfo;
import dev.inbound.smtp.ProxySsl;
import dev.inbound.smtp.codec.ProxyHeaderParser.Absent;
import dev.inbound.smtp.codec.ProxyHeaderParser.Incomplete;
import dev.inbound.smtp.codec.ProxyHeaderParser.Invalid;
import dev.inbound.smtp.codec.ProxyHeaderParser.Parsed;
import dev.inbound.smtp.codec.ProxyHeaderParser.Result;
import dev.inbound.smtp.codec.ProxyHeaderParser.Signature;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The PROXY header parser over bytes: versions 1 and 2, whole, in pieces, and broken. */
class ProxyHeaderParserTest {

    @Test
    void readsV1Tcp4() {
        ProxyInfo info = parsed(v1("PROXY TCP4 192.0.2.1 198.51.100.2 56324 25"));
        assertThat(info.version()).isEqualTo(1);
        assertThat(info.source()).contains(new InetSocketAddress("192.0.2.1", 56324));
        assertThat(info.destination()).contains(new InetSocketAddress("198.51.100.2", 25));
    }

    @Test
    void readsV1Tcp6() {
        ProxyInfo info = parsed(v1("PROXY TCP6 2001:db8::1 2001:db8::2 65535 0"));
        assertThat(info.source()).contains(new InetSocketAddress("2001:db8::1", 65535));
        assertThat(info.destination()).contains(new InetSocketAddress("2001:db8::2", 0));
    }

    @Test
    void v1Tcp6MayCarryIpv4MappedAddresses() {
        ProxyInfo info = parsed(v1("PROXY TCP6 ::ffff:192.0.2.1 2001:db8::2 1 2"));
        assertThat(info.source()).contains(new InetSocketAddress("192.0.2.1", 1));
    }

    @Test
    void v1UnknownNamesNoAddresses() {
        ProxyInfo info = parsed(v1("PROXY UNKNOWN ffff:f...f:ffff ffff:f...f:ffff 65535 65535"));
        assertThat(info.source()).isEmpty();
        assertThat(info.destination()).isEmpty();
    }

    @Test
    void bytesAfterTheHeaderAreNotPartOfIt() {
        byte[] header = v1("PROXY TCP4 192.0.2.1 192.0.2.2 1 2");
        byte[] more = concat(header, "EHLO x\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(((Parsed) parse(more)).length()).isEqualTo(header.length);
    }

    @Test
    void v1OfExactly107BytesIsTaken() {
        String line = "PROXY UNKNOWN " + "x".repeat(107 - 16);
        assertThat(v1(line)).hasSize(107);
        assertThat(parse(v1(line))).isInstanceOf(Parsed.class);
    }

    @Test
    void v1LongerThan107BytesIsInvalidBeforeItsEnd() {
        byte[] line = ("PROXY UNKNOWN " + "x".repeat(92)).getBytes(StandardCharsets.US_ASCII);
        assertThat(line).hasSize(106);
        assertThat(parse(line)).isInstanceOf(Invalid.class);
        assertThat(parse(Arrays.copyOf(line, 105))).isInstanceOf(Incomplete.class);
    }

    @Test
    void v1WithAnythingButStrictSyntaxIsInvalid() {
        for (String line : new String[] {
            "PROXY TCP4 192.0.2.1 192.0.2.2 1 2 3",
            "PROXY TCP4 192.0.2.1  192.0.2.2 1 2",
            "PROXY TCP4 192.0.2.01 192.0.2.2 1 2",
            "PROXY TCP4 192.0.2.256 192.0.2.2 1 2",
            "PROXY TCP4 192.0.2.1 192.0.2.2 01 2",
            "PROXY TCP4 192.0.2.1 192.0.2.2 65536 2",
            "PROXY TCP4 192.0.2.1 192.0.2.2 -1 2",
            "PROXY TCP4 2001:db8::1 192.0.2.2 1 2",
            "PROXY TCP6 192.0.2.1 2001:db8::2 1 2",
            "PROXY TCP6 localhost 2001:db8::2 1 2",
            "PROXY TCP6 fe80::1%eth0 2001:db8::2 1 2",
            "PROXY UDP4 192.0.2.1 192.0.2.2 1 2",
            "PROXY tcp4 192.0.2.1 192.0.2.2 1 2",
            "PROXY TCP4 192.0.2.1 192.0.2.2 1 2\t",
        }) {
            assertThat(parse(v1(line))).as(line).isInstanceOf(Invalid.class);
        }
    }

    @Test
    void v1LineMustEndInCrlf() {
        assertThat(parse("PROXY TCP4 192.0.2.1 192.0.2.2 1 2\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(Invalid.class);
        assertThat(parse("PROXY TCP4 192.0.2.1 192.0.2.2 1 2\rX".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(Invalid.class);
        assertThat(parse("PROXY TCP4 192.0.2.1 192.0.2.2 1 2\r".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(Incomplete.class);
    }

    @Test
    void readsV2Inet() throws Exception {
        ProxyInfo info = parsed(v2("192.0.2.1", 40000).bytes());
        assertThat(info.version()).isEqualTo(2);
        assertThat(info.source()).contains(new InetSocketAddress("192.0.2.1", 40000));
        assertThat(info.destination()).contains(new InetSocketAddress("192.0.2.99", 25));
        assertThat(info.alpn()).isEmpty();
        assertThat(info.ssl()).isEmpty();
    }

    @Test
    void readsV2Inet6() throws Exception {
        ProxyInfo info = parsed(v2("2001:db8::7", 1).bytes());
        assertThat(info.source()).contains(new InetSocketAddress("2001:db8::7", 1));
        assertThat(info.destination()).contains(new InetSocketAddress("2001:db8::99", 25));
    }

    @Test
    void v2LocalNamesNoAddressesWhateverFollows() throws Exception {
        byte[] local = ProxyHeaders.v2Local().addresses(new byte[12]).familyProtocol(0x11).tlv(0x02, "x").bytes();
        ProxyInfo info = parsed(local);
        assertThat(info.source()).isEmpty();
        assertThat(info.authority()).isEmpty();
    }

    @Test
    void v2UnspecifiedAndUnixFamiliesAndDatagramsNameNoAddresses() throws Exception {
        assertThat(parsed(ProxyHeaders.v2Local().versionCommand(0x21).bytes()).source()).isEmpty();
        assertThat(parsed(v2("192.0.2.1", 1).addresses(new byte[216]).familyProtocol(0x31).bytes()).source()).isEmpty();
        assertThat(parsed(v2("192.0.2.1", 1).familyProtocol(0x12).bytes()).source()).isEmpty();
    }

    @Test
    void readsV2Tlvs() throws Exception {
        byte[] header = v2("192.0.2.1", 1)
                .tlv(0x01, "smtp")
                .tlv(0x02, "mx.example.org")
                .tlv(0x04, new byte[3])
                .tlv(0x05, "abc-123")
                .tlv(0xE0, "custom")
                .ssl(0x07, 0, 0x21, "TLSv1.3", 0x22, "client.example", 0x23, "TLS_AES_256_GCM_SHA384",
                        0x24, "SHA256", 0x25, "RSA2048")
                .bytes();
        ProxyInfo info = parsed(header);
        assertThat(info.alpn()).contains("smtp");
        assertThat(info.authority()).contains("mx.example.org");
        assertThat(info.uniqueId()).hasValueSatisfying(id -> assertThat(id).isEqualTo("abc-123".getBytes()));
        ProxySsl ssl = info.ssl().orElseThrow();
        assertThat(ssl).isEqualTo(new ProxySsl(7, 0, "TLSv1.3", "TLS_AES_256_GCM_SHA384", "client.example",
                "SHA256", "RSA2048"));
        assertThat(ssl.tls()).isTrue();
        assertThat(ssl.certificateVerified()).isTrue();
    }

    @Test
    void sslTlvWithoutACertificateIsNotVerified() throws Exception {
        ProxySsl ssl = parsed(v2("192.0.2.1", 1).ssl(0x01, 0).bytes()).ssl().orElseThrow();
        assertThat(ssl.tls()).isTrue();
        assertThat(ssl.clientCertificate()).isFalse();
        assertThat(ssl.certificateVerified()).isFalse();
        assertThat(ssl.version()).isEmpty();
    }

    @Test
    void v2Crc32cIsChecked() throws Exception {
        assertThat(parse(v2("192.0.2.1", 1).tlv(0x01, "smtp").withCrc(false))).isInstanceOf(Parsed.class);
        assertThat(parse(v2("192.0.2.1", 1).tlv(0x01, "smtp").withCrc(true))).isInstanceOf(Invalid.class);
    }

    @Test
    void v2WithABadVersionCommandFamilyOrProtocolIsInvalid() throws Exception {
        assertThat(parse(v2("192.0.2.1", 1).versionCommand(0x11).bytes())).isInstanceOf(Invalid.class);
        assertThat(parse(v2("192.0.2.1", 1).versionCommand(0x22).bytes())).isInstanceOf(Invalid.class);
        assertThat(parse(v2("192.0.2.1", 1).familyProtocol(0x41).bytes())).isInstanceOf(Invalid.class);
        assertThat(parse(v2("192.0.2.1", 1).familyProtocol(0x13).bytes())).isInstanceOf(Invalid.class);
    }

    @Test
    void v2LengthTooShortForTheAddressesIsInvalid() throws Exception {
        assertThat(parse(v2("192.0.2.1", 1).addresses(new byte[11]).bytes())).isInstanceOf(Invalid.class);
        assertThat(parse(v2("192.0.2.1", 1).familyProtocol(0x21).bytes())).isInstanceOf(Invalid.class);
    }

    @Test
    void v2LongerThanTheBoundIsInvalidFromItsFirst16Bytes() throws Exception {
        byte[] big = v2("192.0.2.1", 1).tlv(0x04, new byte[ProxyHeaderParser.V2_MAX]).bytes();
        assertThat(parse(Arrays.copyOf(big, 16))).isInstanceOf(Invalid.class);
        byte[] biggest = v2("192.0.2.1", 1).tlv(0x04, new byte[ProxyHeaderParser.V2_MAX - 16 - 12 - 3]).bytes();
        assertThat(biggest).hasSize(ProxyHeaderParser.V2_MAX);
        assertThat(parse(biggest)).isInstanceOf(Parsed.class);
    }

    @Test
    void v2TlvsThatOverrunOrRepeatAreInvalid() throws Exception {
        byte[] header = v2("192.0.2.1", 1).tlv(0x01, "smtp").bytes();
        header[header.length - 5] = 9; // the ALPN length, now past the end
        assertThat(parse(header)).isInstanceOf(Invalid.class);
        assertThat(parse(v2("192.0.2.1", 1).tlv(0x02, "a").tlv(0x02, "b").bytes())).isInstanceOf(Invalid.class);
        assertThat(parse(v2("192.0.2.1", 1).tlv(0x05, new byte[129]).bytes())).isInstanceOf(Invalid.class);
        assertThat(parse(v2("192.0.2.1", 1).tlv(0x20, new byte[4]).bytes())).isInstanceOf(Invalid.class);
        assertThat(parse(v2("192.0.2.1", 1).tlv(0x03, new byte[3]).bytes())).isInstanceOf(Invalid.class);
        assertThat(parse(v2("192.0.2.1", 1).tlv(0x04, new byte[0]).tlv(0x04, new byte[0]).bytes()))
                .isInstanceOf(Parsed.class);
    }

    @Test
    void v2TlvCutShortIsInvalid() throws Exception {
        byte[] header = v2("192.0.2.1", 1).addresses(new byte[14]).bytes();
        assertThat(parse(header)).isInstanceOf(Invalid.class);
    }

    @Test
    void everyPrefixOfAHeaderIsIncomplete() throws Exception {
        for (byte[] header : new byte[][] {
            v1("PROXY TCP6 2001:db8::1 2001:db8::2 1 2"),
            v2("2001:db8::1", 1).tlv(0x02, "mx.example").withCrc(false),
        }) {
            for (int n = 1; n < header.length; n++) {
                assertThat(parse(Arrays.copyOf(header, n))).as("%d bytes", n).isInstanceOf(Incomplete.class);
            }
            assertThat(parse(header)).isInstanceOf(Parsed.class);
        }
    }

    @Test
    void otherFirstBytesAreNoHeader() {
        for (String start : new String[] {"EHLO client.example\r\n", "PROXX", "PROXYTCP4", "\r\n\r\n\0\r\nQUIX\n",
            "\u0016\u0003\u0001\u0002\u0000\u0001"}) {
            assertThat(parse(start.getBytes(StandardCharsets.ISO_8859_1))).as(start).isInstanceOf(Absent.class);
        }
        assertThat(parse(new byte[0])).isInstanceOf(Absent.class);
    }

    @Test
    void signatureTellsAHeaderFromItsStartAndFromOtherBytes() {
        assertThat(signature("PROXY ")).isEqualTo(Signature.V1);
        assertThat(signature("PROX")).isEqualTo(Signature.PARTIAL);
        assertThat(signature("\r\n\r\n")).isEqualTo(Signature.PARTIAL);
        assertThat(signature(new String(ProxyHeaders.V2_SIGNATURE, StandardCharsets.ISO_8859_1))).isEqualTo(Signature.V2);
        assertThat(signature("EHLO x")).isEqualTo(Signature.NONE);
    }

    @Test
    void theBufferIsNotMoved() {
        ByteBuffer bytes = ByteBuffer.wrap(v1("PROXY TCP4 192.0.2.1 192.0.2.2 1 2"));
        ProxyHeaderParser.parse(bytes);
        assertThat(bytes.position()).isZero();
    }

    private static Signature signature(String bytes) {
        return ProxyHeaderParser.signature(ByteBuffer.wrap(bytes.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static Result parse(byte[] bytes) {
        return ProxyHeaderParser.parse(ByteBuffer.wrap(bytes));
    }

    private static ProxyInfo parsed(byte[] bytes) {
        Result result = parse(bytes);
        assertThat(result).isInstanceOf(Parsed.class);
        Parsed parsed = (Parsed) result;
        assertThat(parsed.length()).isEqualTo(bytes.length);
        return parsed.info();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
