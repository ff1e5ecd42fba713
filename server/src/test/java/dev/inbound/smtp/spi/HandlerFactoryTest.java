package dev.inbound.smtp.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inbound.smtp.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandlerFactoryTest {
    @TempDir
    Path dir;

    /** A provider that cannot be made, as one whose dependency is missing at run time. */
    public static final class UnloadableFactory implements HandlerFactory {
        public UnloadableFactory() {
            throw new NoClassDefFoundError("jakarta/jms/ConnectionFactory");
        }

        @Override
        public String name() {
            return "unloadable";
        }

        @Override
        public String description() {
            return "never made";
        }

        @Override
        public Handler create(OptionValues options) {
            throw new AssertionError();
        }
    }

    @Test
    void providersThatCannotLoadAreLeftOutAndNamedWhenAsked() throws Exception {
        Path services = dir.resolve("META-INF/services/" + HandlerFactory.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, UnloadableFactory.class.getName() + "\ndev.inbound.smtp.NoSuchFactory\n");

        Map<String, HandlerFactory> available = withServices(HandlerFactory::available);

        assertThat(available).containsKeys("console", "sink", "relay", "collector").doesNotContainKey("unloadable");
        assertThat(withServices(() -> HandlerFactory.named("sink").name())).isEqualTo("sink");
        assertThatThrownBy(() -> withServices(() -> HandlerFactory.named("jms")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No handler named 'jms'; available: collector, console, relay, sink; could not load:")
                .hasMessageContaining(UnloadableFactory.class.getName())
                .hasMessageContaining("jakarta/jms/ConnectionFactory")
                .hasMessageContaining("dev.inbound.smtp.NoSuchFactory not found");
    }

    /** {@code action} with the context class loader also seeing the services file under {@link #dir}. */
    private <T> T withServices(Callable<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader loader = new ProviderLoader(dir.toUri().toURL(), before)) {
            thread.setContextClassLoader(loader);
            return action.call();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /**
     * Sees the services file under {@link #dir} and defines {@link UnloadableFactory} itself, in
     * its unnamed module, as a plug-in jar's loader would: on the module path the test classes are
     * patched into dev.inbound.server, and ServiceLoader ignores a class-path provider whose class
     * is in a named module.
     */
    private static final class ProviderLoader extends URLClassLoader {
        ProviderLoader(URL services, ClassLoader parent) {
            super(new URL[] {services}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(UnloadableFactory.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                try (InputStream in = UnloadableFactory.class.getResourceAsStream(
                        name.substring(name.lastIndexOf('.') + 1) + ".class")) {
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }
    }
}
