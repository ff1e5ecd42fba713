package dev.inbound.smtp.transport;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import org.apache.mina.core.buffer.AbstractIoBuffer;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.buffer.IoBufferAllocator;
import org.apache.mina.core.buffer.SimpleBufferAllocator;

/**
 * MINA's buffer allocator, but each thread keeps the heap buffers it allocated and then freed,
 * for its next allocation of the same size. MINA allocates a buffer for every read of every
 * session and frees it once the codec has decoded it (or when the read found nothing), and
 * the decoder copies what it keeps; so on an I/O thread that decodes inline, a few buffers
 * serve all its reads. With MINA's default allocator every read was a new array: for 1 MiB
 * messages 1.2 MB of garbage per message, three quarters of all the server allocated, which
 * made G1 grow the heap from 34 to 59 MiB (bench/README.md, 2026-12-04, evening).
 *
 * <p>Unlike MINA's {@code CachedBufferAllocator} it never recycles a wrapped array (a reply
 * may wrap one that is shared), a view, a direct buffer, or a buffer that another thread
 * frees: a worker that decodes for a blocking handler would fill a pool that no read takes
 * from. A recycled buffer lets go of its array, so that a use after free fails at once
 * instead of reading some later read's bytes. A thread keeps at most {@value #PER_SIZE} buffers
 * of each size it recycles, 254 KiB at most.
 */
final class RecyclingBufferAllocator implements IoBufferAllocator {
    private static final RecyclingBufferAllocator INSTANCE = new RecyclingBufferAllocator();
    /** The sizes recycled, MINA's read buffer sizes: powers of two up to its largest read. */
    private static final int SMALLEST = 1024;
    private static final int LARGEST = 65536;
    private static final int SIZES = Integer.numberOfTrailingZeros(LARGEST) - Integer.numberOfTrailingZeros(SMALLEST) + 1;
    private static final int PER_SIZE = 2;

    /** Per thread, per size from the smallest: the arrays freed and not yet taken again. */
    private final ThreadLocal<ArrayDeque<ByteBuffer>[]> freed = ThreadLocal.withInitial(RecyclingBufferAllocator::pools);

    private RecyclingBufferAllocator() {
    }

    /**
     * Makes this MINA's allocator, unless an application has chosen one already. It is for
     * the whole class loader, like MINA's default; buffers of other MINA services in it are
     * recycled only when those services free them.
     */
    static void install() {
        if (IoBuffer.getAllocator() instanceof SimpleBufferAllocator) {
            IoBuffer.setAllocator(INSTANCE);
        }
    }

    @SuppressWarnings("unchecked")
    private static ArrayDeque<ByteBuffer>[] pools() {
        ArrayDeque<ByteBuffer>[] pools = new ArrayDeque[SIZES];
        for (int i = 0; i < SIZES; i++) {
            pools[i] = new ArrayDeque<>(PER_SIZE);
        }
        return pools;
    }

    /** The index of {@code capacity}'s pool, or -1 for a size never recycled. */
    private static int pool(int capacity) {
        if (capacity < SMALLEST || capacity > LARGEST || Integer.bitCount(capacity) != 1) {
            return -1;
        }
        return Integer.numberOfTrailingZeros(capacity) - Integer.numberOfTrailingZeros(SMALLEST);
    }

    @Override
    public IoBuffer allocate(int capacity, boolean direct) {
        int pool = direct ? -1 : pool(capacity);
        if (pool < 0) {
            return new Buffer(allocateNioBuffer(capacity, direct), null);
        }
        ByteBuffer kept = freed.get()[pool].pollFirst();
        ByteBuffer buffer = kept == null ? ByteBuffer.allocate(capacity) : kept.clear();
        return new Buffer(buffer, Thread.currentThread());
    }

    @Override
    public ByteBuffer allocateNioBuffer(int capacity, boolean direct) {
        return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    }

    @Override
    public IoBuffer wrap(ByteBuffer buffer) {
        return new Buffer(buffer, null);
    }

    @Override
    public void dispose() {
        // Nothing to release: the pools are the threads', and go with them.
    }

    /**
     * Every buffer this allocator makes, recycled or not. The allocator may not hand out
     * MINA's own buffers: constructing an {@code AbstractIoBuffer} makes the allocator it is
     * given MINA's allocator for everyone ({@code IoBuffer.setAllocator}), so one buffer from a
     * {@code SimpleBufferAllocator} would put that one back.
     */
    private final class Buffer extends AbstractIoBuffer {
        /** The thread that recycles this buffer when it frees it; null for one never recycled. */
        private final Thread owner;
        private ByteBuffer buffer;

        Buffer(ByteBuffer buffer, Thread owner) {
            super(RecyclingBufferAllocator.this, buffer.capacity());
            this.owner = owner;
            this.buffer = buffer;
            buffer.order(ByteOrder.BIG_ENDIAN); // as MINA's own buffers, wrapped or recycled
        }

        /** A view of {@code parent}: shares its array, so it is never recycled itself. */
        private Buffer(Buffer parent, ByteBuffer view) {
            super(parent);
            this.owner = null;
            this.buffer = view;
        }

        @Override
        public ByteBuffer buf() {
            return buffer;
        }

        @Override
        protected void buf(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        protected IoBuffer duplicate0() {
            return new Buffer(this, buffer.duplicate());
        }

        @Override
        protected IoBuffer slice0() {
            return new Buffer(this, buffer.slice());
        }

        @Override
        protected IoBuffer asReadOnlyBuffer0() {
            return new Buffer(this, buffer.asReadOnlyBuffer());
        }

        @Override
        public byte[] array() {
            return buffer.array();
        }

        @Override
        public int arrayOffset() {
            return buffer.arrayOffset();
        }

        @Override
        public boolean hasArray() {
            return buffer.hasArray();
        }

        @Override
        public void free() {
            ByteBuffer array = buffer;
            if (owner != Thread.currentThread() || array == null) { // views, wrapped arrays and direct buffers have no owner
                return;
            }
            int pool = pool(array.capacity()); // an expanded buffer has another array, perhaps of another size
            if (pool < 0) {
                return;
            }
            ArrayDeque<ByteBuffer> kept = freed.get()[pool];
            if (kept.size() < PER_SIZE) {
                buffer = null;
                kept.addFirst(array);
            }
        }
    }
}
