package dev.inbound.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MessageStoreTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static StoredMessage add(MessageStore store, String rcpt, int size) {
        return store.add(new MailEnvelope("a@example.com", List.of(rcpt), "127.0.0.1", "client", false, null),
                "x".repeat(size).getBytes(StandardCharsets.US_ASCII));
    }

    private static List<String> ids(List<StoredMessage> messages) {
        return messages.stream().map(StoredMessage::id).toList();
    }

    @Test
    void aWaitWhoseFilterThrowsFailsAloneAndTheMessageIsStored() {
        MessageStore store = new MessageStore(10, 1_000_000);
        CompletableFuture<List<StoredMessage>> broken = store.whenMatching(message -> {
            throw new IllegalStateException("broken filter");
        }, 1);
        CompletableFuture<List<StoredMessage>> fine = store.whenMatching(message -> true, 1);
        StoredMessage stored = add(store, "a@example.com", 10);
        assertThat(broken).isCompletedExceptionally();
        assertThat(fine.join()).containsExactly(stored);
        assertThat(store.waiting()).isZero();
    }

    @Test
    void evictsTheOldestWhenFullByCount() {
        MessageStore store = new MessageStore(3, 1_000_000);
        for (int i = 0; i < 5; i++) {
            add(store, "r" + i + "@example.com", 10);
        }
        assertThat(ids(store.list())).containsExactly("5", "4", "3");
        assertThat(store.get("2")).isEmpty();
        assertThat(store.bytes()).isEqualTo(30);
    }

    @Test
    void evictsTheOldestUntilTheBytesFit() {
        MessageStore store = new MessageStore(100, 100);
        add(store, "a@example.com", 40);
        add(store, "b@example.com", 40);
        add(store, "c@example.com", 30); // 110 bytes: the first goes
        assertThat(ids(store.list())).containsExactly("3", "2");
        add(store, "d@example.com", 100); // the whole store
        assertThat(ids(store.list())).containsExactly("4");
        assertThat(store.bytes()).isEqualTo(100);
    }

    @Test
    void refusesAMessageLargerThanTheStoreAndKeepsTheOthers() {
        MessageStore store = new MessageStore(100, 100);
        add(store, "a@example.com", 50);
        assertThatThrownBy(() -> add(store, "b@example.com", 101)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("larger than the store");
        assertThat(ids(store.list())).containsExactly("1");
    }

    @Test
    void clearForgetsEverythingButNeverReusesAnId() {
        MessageStore store = new MessageStore();
        add(store, "a@example.com", 1);
        add(store, "b@example.com", 1);
        store.clear();
        assertThat(store.list()).isEmpty();
        assertThat(store.bytes()).isZero();
        assertThat(add(store, "c@example.com", 1).id()).isEqualTo("3");
    }

    @Test
    void waitingCompletesWhenTheLastMatchingMessageArrivesCountingThoseThereBefore() throws Exception {
        MessageStore store = new MessageStore();
        add(store, "bob@example.com", 1);
        CompletableFuture<List<StoredMessage>> two = store.whenMatching(
                m -> m.envelope().rcptTos().contains("bob@example.com"), 2);
        add(store, "carol@example.com", 1);
        assertThat(two).isNotDone();
        CompletableFuture.runAsync(() -> add(store, "bob@example.com", 1));
        assertThat(ids(two.get(WAIT.toSeconds(), TimeUnit.SECONDS))).containsExactly("3", "1");
    }

    @Test
    void awaitReturnsWhatThereIsAtTheTimeout() throws Exception {
        MessageStore store = new MessageStore();
        add(store, "bob@example.com", 1);
        long began = System.nanoTime();
        List<StoredMessage> got = store.await(m -> true, 2, Duration.ofMillis(200));
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(ids(got)).containsExactly("1");
    }
}
