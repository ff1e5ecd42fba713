package dev.inbound.bench;

import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Listener;
import dev.inbound.smtp.ProxyInfo;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.ServerSettings;
import dev.inbound.smtp.SmtpServer;
import dev.inbound.smtp.TlsInfo;
import dev.inbound.smtp.codec.CommandLine;
import dev.inbound.smtp.codec.Content;
import dev.inbound.micrometer.MicrometerEvents;
import dev.inbound.smtp.ServerEvents;
import dev.inbound.smtp.protocol.AuthFailureTracker;
import dev.inbound.smtp.protocol.Channel;
import dev.inbound.smtp.protocol.Conversation;
import dev.inbound.smtp.protocol.ListenerContext;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The protocol's cost per message, without the network: MAIL, RCPT, DATA and 1 KiB of
 * content through one {@link Conversation}, with the Received header and a handler that
 * accepts everything.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConversationBenchmark {
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 25);

    /** Whether the server meters into Prometheus ({@code prometheus}) or nowhere ({@code none}): the cost of metrics. */
    @Param({"none", "prometheus"})
    public String meters;

    private Conversation conversation;
    private CommandLine mail;
    private CommandLine rcpt;
    private CommandLine data;
    private Content content;
    private Blackhole sink;

    @Setup
    public void prepare(Blackhole blackhole) {
        sink = blackhole;
        ServerSettings settings = SmtpServer.builder().hostname("bench.example").build().settings();
        Channel channel = new Channel() {
            @Override
            public void send(Reply reply) {
                sink.consume(reply);
            }

            @Override
            public void close() {
            }

            @Override
            public void expectData() {
            }

            @Override
            public boolean canStartTls() {
                return false;
            }

            @Override
            public void startTls(Reply ready) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<TlsInfo> tls() {
                return Optional.empty();
            }

            @Override
            public Optional<ProxyInfo> proxy() {
                return Optional.empty();
            }

            @Override
            public void pause(Duration delay, Runnable then) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void offload(Runnable blocking, Runnable then) {
                throw new UnsupportedOperationException(); // no AUTH in the benchmark
            }
        };
        ServerEvents events = meters.equals("prometheus")
                ? new MicrometerEvents(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), "bench")
                : ServerEvents.NONE;
        ListenerContext listener = new ListenerContext(settings, new Handler() {
        }, events, settings.listeners().get(0), new AuthFailureTracker());
        conversation = new Conversation(listener, channel, "BENCH", PEER, LOCAL);
        conversation.start();
        conversation.receive(line("EHLO client.example"));
        mail = line("MAIL FROM:<sender@example.com> SIZE=1024");
        rcpt = line("RCPT TO:<recipient@example.com>");
        data = line("DATA");
        byte[] body = ("Subject: bench\r\n\r\n" + "y".repeat(74) + "\r\n").repeat(13).getBytes(StandardCharsets.US_ASCII);
        content = new Content(body, 0, body.length, true, false);
    }

    private static CommandLine line(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return new CommandLine(bytes, bytes.length, CommandLine.LineDefect.NONE, -1);
    }

    @Benchmark
    public void oneMessage() {
        conversation.receive(mail);
        conversation.receive(rcpt);
        conversation.receive(data);
        conversation.receive(content);
    }
}
