package dev.inbound.smtp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AuthFailureTrackerTest {
    private final AtomicLong now = new AtomicLong();
    private final AuthFailureTracker tracker = new AuthFailureTracker(3, Duration.ofSeconds(10),
            Duration.ofSeconds(60), 100, now::get);

    @Test
    void bansAnAddressAtTheLimitWithinTheWindowUntilTheBanEnds() throws Exception {
        InetAddress ip = InetAddress.getByName("192.0.2.1");
        tracker.failed(ip);
        tracker.failed(ip);
        assertThat(tracker.banned(ip)).isFalse();
        tracker.failed(ip);
        assertThat(tracker.banned(ip)).isTrue();
        assertThat(tracker.banned(InetAddress.getByName("192.0.2.2"))).isFalse();
        advance(59);
        assertThat(tracker.banned(ip)).isTrue();
        advance(2);
        assertThat(tracker.banned(ip)).isFalse();
    }

    @Test
    void failuresOutsideTheWindowDoNotCount() throws Exception {
        InetAddress ip = InetAddress.getByName("192.0.2.1");
        tracker.failed(ip);
        advance(6);
        tracker.failed(ip);
        advance(6);
        tracker.failed(ip);
        assertThat(tracker.banned(ip)).isFalse();
    }

    @Test
    void keepsAtMostMaxAddressesAndForgetsStaleOnes() throws Exception {
        for (int i = 0; i < 300; i++) {
            tracker.failed(InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i}));
        }
        assertThat(tracker.size()).isEqualTo(100);
        advance(11);
        tracker.failed(InetAddress.getByName("192.0.2.1"));
        assertThat(tracker.size()).isEqualTo(1);
    }

    private void advance(long seconds) {
        now.addAndGet(Duration.ofSeconds(seconds).toNanos());
    }
}
