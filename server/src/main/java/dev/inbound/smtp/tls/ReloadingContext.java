package dev.inbound.smtp.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link SSLContext} that follows its key files: each new connection asks for the context,
 * and if a file has changed on disk since the last load, it is loaded again. A load that fails
 * (a file half written, a key that does not match) keeps the previous context and logs why.
 */
public final class ReloadingContext implements Supplier<SSLContext> {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingContext.class);

    /** Reads the key material. */
    @FunctionalInterface
    public interface Loader {
        SSLContext load() throws IOException, GeneralSecurityException;
    }

    private final Loader loader;
    private final List<Path> files;
    private List<FileTime> loadedVersions;
    private SSLContext context;

    /** Loads now, so that bad key material stops the server from starting. */
    public ReloadingContext(Loader loader, List<Path> files) throws IOException, GeneralSecurityException {
        this.loader = loader;
        this.files = List.copyOf(files);
        this.loadedVersions = versions();
        this.context = loader.load();
    }

    @Override
    public synchronized SSLContext get() {
        try {
            List<FileTime> now = versions();
            if (!now.equals(loadedVersions)) {
                loadedVersions = now;
                context = loader.load();
                LOG.info("TLS key material reloaded from {}", files);
            }
        } catch (IOException | GeneralSecurityException e) {
            LOG.warn("TLS key material in {} could not be reloaded, keeping the previous: {}", files, e.toString());
        }
        return context;
    }

    private List<FileTime> versions() throws IOException {
        List<FileTime> versions = new ArrayList<>();
        for (Path file : files) {
            versions.add(Files.getLastModifiedTime(file));
        }
        return versions;
    }
}
