package dev.inbound.smtp.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Trusted proxy networks in CIDR notation. */
class IpNetworkTest {

    @Test
    void containsTheAddressesOfItsBlock() throws Exception {
        IpNetwork network = IpNetwork.parse("10.1.0.0/16");
        assertThat(network.contains(InetAddress.getByName("10.1.255.7"))).isTrue();
        assertThat(network.contains(InetAddress.getByName("10.2.0.1"))).isFalse();
        assertThat(IpNetwork.parse("192.0.2.128/25").contains(InetAddress.getByName("192.0.2.200"))).isTrue();
        assertThat(IpNetwork.parse("192.0.2.128/25").contains(InetAddress.getByName("192.0.2.127"))).isFalse();
        assertThat(IpNetwork.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.9"))).isTrue();
    }

    @Test
    void aBareAddressIsABlockOfOne() throws Exception {
        IpNetwork one = IpNetwork.parse("127.0.0.1");
        assertThat(one.prefixLength()).isEqualTo(32);
        assertThat(one.contains(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(one.contains(InetAddress.getByName("127.0.0.2"))).isFalse();
        assertThat(IpNetwork.parse("::1").prefixLength()).isEqualTo(128);
    }

    @Test
    void ipv6BlocksMatchIpv6Only() throws Exception {
        IpNetwork network = IpNetwork.parse("2001:db8::/32");
        assertThat(network.contains(InetAddress.getByName("2001:db8:ffff::1"))).isTrue();
        assertThat(network.contains(InetAddress.getByName("2001:db9::1"))).isFalse();
        assertThat(IpNetwork.parse("::/0").contains(InetAddress.getByName("10.0.0.1"))).isFalse();
    }

    @Test
    void refusesNamesTyposAndBadPrefixes() {
        for (String bad : new String[] {"localhost", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "10.1.2.3/8",
            "010.0.0.0/8", "10.0.0", "10.0.0.0.", "256.0.0.0", "2001:db8::/129", "2001:db8::1%lo", "", "/8"}) {
            assertThatThrownBy(() -> IpNetwork.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void printsInCidrNotation() {
        assertThat(IpNetwork.parse("10.0.0.0/8")).hasToString("10.0.0.0/8");
        assertThat(IpNetwork.parse("2001:db8::/32")).hasToString("2001:db8:0:0:0:0:0:0/32");
    }
}
