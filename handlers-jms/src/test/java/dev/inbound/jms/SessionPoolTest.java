package dev.inbound.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

class SessionPoolTest {
    @Test
    void aConnectToASilentBrokerHoldsUpNeitherTheGenerationNorClose() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return silent.accept();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            // The client waits callTimeout for the broker's answer to its session request.
            SessionPool pool = new SessionPool(new ActiveMQConnectionFactory(
                    "tcp://127.0.0.1:" + silent.getLocalPort() + "?callTimeout=4000"), null, null);
            CompletableFuture<ProducerSlot> taking = CompletableFuture.supplyAsync(() -> {
                try {
                    return pool.take();
                } catch (JMSException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            try (Socket connected = accepted.get(10, TimeUnit.SECONDS)) {
                assertThat(connected.isConnected()).isTrue();
                assertThat(taking).isNotDone();
                // Both take the pool's lock; with the connect under it they would wait out the callTimeout.
                CompletableFuture<Long> generation = CompletableFuture.supplyAsync(pool::currentGeneration);
                assertThat(generation.get(1, TimeUnit.SECONDS)).isZero();
                CompletableFuture.runAsync(pool::close).get(1, TimeUnit.SECONDS);
                assertThat(taking).isNotDone();
            }
            assertThatThrownBy(() -> taking.get(15, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(JMSException.class);
        }
    }
}
