package dev.inbound.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/**
 * The JVM's meters (memory, garbage collection, threads, classes, CPU, uptime), from
 * Micrometer's binders, for hosts that own their process: the command and the WAR.
 *
 * <pre>{@code
 * JvmGcMetrics gc = JvmMeters.bindTo(registry);
 * // ... on shutdown
 * gc.close();
 * }</pre>
 */
public final class JvmMeters {
    private JvmMeters() {
    }

    /** Binds the JVM's meters to {@code registry}; returns the GC binder, which holds listeners to close. */
    public static JvmGcMetrics bindTo(MeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        return gc;
    }
}
