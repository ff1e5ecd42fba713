package dev.inbound.smtp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.mina.core.buffer.IoBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Read buffers come back to the thread that freed them, and nothing else is ever reused. */
class RecyclingBufferAllocatorTest {
    private static final int SIZE = 8192;

    @BeforeAll
    static void install() {
        RecyclingBufferAllocator.install();
        assertThat(IoBuffer.getAllocator()).isInstanceOf(RecyclingBufferAllocator.class);
    }

    /** Takes what this thread kept of the size from earlier tests, so that each starts with none. */
    @BeforeEach
    void emptyThisThreadsPool() {
        IoBuffer.allocate(SIZE);
        IoBuffer.allocate(SIZE);
    }

    @Test
    void aFreedBufferIsTheSameThreadsNextOfItsSize() {
        IoBuffer first = IoBuffer.allocate(SIZE);
        byte[] array = first.array();
        first.put((byte) 'x').flip();
        first.free();

        IoBuffer next = IoBuffer.allocate(SIZE);

        assertThat(next.array()).isSameAs(array);
        assertThat(next.position()).isZero();
        assertThat(next.limit()).isEqualTo(SIZE);
        next.free();
    }

    @Test
    void aBufferUsedAfterItWasFreedFailsInsteadOfReadingAnotherReadsBytes() {
        IoBuffer freed = IoBuffer.allocate(SIZE);
        freed.free();

        assertThatThrownBy(freed::remaining).isInstanceOf(NullPointerException.class);
        IoBuffer.allocate(SIZE).free();
    }

    @Test
    void aWrappedArrayIsNeverHandedOutAgain() {
        byte[] shared = new byte[SIZE]; // a power of two, the size of a read buffer
        IoBuffer wrapped = IoBuffer.wrap(shared);
        wrapped.free();

        IoBuffer next = IoBuffer.allocate(SIZE);

        assertThat(next.array()).isNotSameAs(shared);
        assertThat(wrapped.array()).isSameAs(shared);
        next.free();
    }

    @Test
    void aBufferFreedByAnotherThreadIsReusedByNeither() throws Exception {
        IoBuffer read = IoBuffer.allocate(SIZE);
        byte[] array = read.array();
        AtomicReference<byte[]> othersNext = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            read.free();
            othersNext.set(IoBuffer.allocate(SIZE).array());
        });
        worker.start();
        worker.join();

        assertThat(othersNext.get()).isNotSameAs(array);
        assertThat(IoBuffer.allocate(SIZE).array()).isNotSameAs(array);
        assertThat(read.array()).isSameAs(array); // not taken from it either
    }

    @Test
    void aFreedViewIsNotRecycledWhileItsBufferLives() {
        IoBuffer whole = IoBuffer.allocate(SIZE);
        IoBuffer view = whole.slice();
        view.free();

        assertThat(IoBuffer.allocate(SIZE).array()).isNotSameAs(whole.array());
        whole.free();
    }

    @Test
    void aThreadKeepsTwoBuffersOfASize() {
        List<IoBuffer> buffers = List.of(IoBuffer.allocate(SIZE), IoBuffer.allocate(SIZE), IoBuffer.allocate(SIZE));
        List<byte[]> arrays = buffers.stream().map(IoBuffer::array).toList();
        buffers.forEach(IoBuffer::free);

        List<byte[]> again = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            again.add(IoBuffer.allocate(SIZE).array());
        }

        assertThat(again.stream().filter(a -> arrays.stream().anyMatch(b -> a == b)).count()).isEqualTo(2);
    }

    @Test
    void itStaysMinasAllocatorWhateverBuffersItMakes() {
        // Constructing a MINA buffer makes its allocator everyone's: a SimpleBufferAllocator's
        // buffer among these would have put MINA's default back.
        IoBuffer.wrap(new byte[10]);
        IoBuffer.wrap(ByteBuffer.allocate(SIZE));
        IoBuffer.allocate(1000);
        IoBuffer.allocate(SIZE, true);
        IoBuffer.allocate(SIZE).setAutoExpand(true).put(new byte[SIZE * 3]);
        IoBuffer.allocate(SIZE).duplicate().asReadOnlyBuffer();

        assertThat(IoBuffer.getAllocator()).isInstanceOf(RecyclingBufferAllocator.class);
    }
}
