package dev.inbound.it.docker;

import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

/**
 * The ActiveMQ Artemis broker image of the tests, built once per JVM from the bin distribution
 * the it-tests pom copies (system property {@code artemis.distribution}) on the JRE base image
 * the Inbound image uses (system property {@code inbound.docker.base}, set by the pom). No registry is needed; Docker's layer cache makes a second
 * build nearly free. The image is kept after the tests, for that cache. Like the official
 * {@code apache/activemq-artemis} image, a container listens on 61616 and requires the login
 * given as {@code ARTEMIS_USER} and {@code ARTEMIS_PASSWORD}.
 *
 * <pre>{@code
 * try (ArtemisContainer broker = new ArtemisContainer()) { ... }   // on ArtemisImage.get()
 * }</pre>
 */
public final class ArtemisImage {
    private static final Logger LOG = LoggerFactory.getLogger(ArtemisImage.class);
    private static final String NAME = "inbound-it/artemis";

    private static DockerImageName image;

    private ArtemisImage() {
    }

    /** The image's name; builds it on the first call. */
    public static synchronized DockerImageName get() {
        if (image == null) {
            image = build();
        }
        return image;
    }

    private static DockerImageName build() {
        Path distribution = Path.of(required("artemis.distribution"));
        if (!Files.isRegularFile(distribution)) {
            throw new IllegalStateException("No Artemis distribution at " + distribution
                    + "; the it-tests pom copies it in pre-integration-test");
        }
        ImageFromDockerfile dockerfile = new ImageFromDockerfile(NAME, false)
                .withFileFromClasspath("Dockerfile", "docker/artemis/Dockerfile")
                .withFileFromClasspath("run-broker.sh", "docker/artemis/run-broker.sh")
                .withFileFromPath("apache-artemis-bin.tar.gz", distribution)
                .withBuildArg("BASE_IMAGE", required("inbound.docker.base"));
        long started = System.nanoTime();
        String name = dockerfile.get();
        LOG.info("Built {} in {} ms", name, (System.nanoTime() - started) / 1_000_000);
        return DockerImageName.parse(name);
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set; run the tests with failsafe");
        }
        return value;
    }
}
