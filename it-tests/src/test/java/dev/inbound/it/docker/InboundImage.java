package dev.inbound.it.docker;

import dev.inbound.docker.InboundContainer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

/**
 * The inbound image as the build made it: {@code docker/target/image} (the Dockerfile and
 * inbound.jar) built once per test JVM, on the base image this machine has instead of a
 * registry's. Tests start it with {@code new InboundContainer(InboundImage.get())}.
 *
 * <p>System properties, set by the it-tests pom: {@code inbound.docker.context} (the build
 * context) and {@code inbound.docker.base} (the {@code BASE_IMAGE} build argument).
 */
public final class InboundImage {
    /** The tag the tests build; not the release tag, so a user's own image is never replaced. */
    public static final String TAG = "inbound/inbound:it";
    private static DockerImageName built;

    private InboundImage() {
    }

    /** The built image's name; builds it on the first call. */
    public static synchronized DockerImageName get() {
        if (built == null) {
            built = build();
        }
        return built;
    }

    /** A container of the built image, not started. */
    public static InboundContainer container() {
        return new InboundContainer(get());
    }

    private static DockerImageName build() {
        Path context = Path.of(System.getProperty("inbound.docker.context", "../docker/target/image"));
        if (!Files.isRegularFile(context.resolve("Dockerfile")) || !Files.isRegularFile(context.resolve("inbound.jar"))) {
            throw new IllegalStateException("No Docker build context at " + context.toAbsolutePath()
                    + ": build the docker module first (./mvnw install -pl docker -am -DskipTests)");
        }
        String base = System.getProperty("inbound.docker.base", "inbound/jre-base:17");
        if (!DockerClientFactory.instance().client().listImagesCmd().withImageNameFilter(base).exec().stream()
                .findAny().isPresent()) {
            throw new IllegalStateException("The base image " + base + " is missing and no registry can be reached:"
                    + " make it with docker/build-base-image.sh");
        }
        // get() builds now and fails with the build's error; a lazy image would build per container.
        String name = new ImageFromDockerfile(TAG, false)
                .withFileFromPath(".", context)
                .withBuildArg("BASE_IMAGE", base)
                .get();
        return DockerImageName.parse(name);
    }
}
