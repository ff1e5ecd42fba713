package dev.inbound.it.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The WAR builds its server from the core's configuration model, so it carries the core, the
 * meters and the handlers, and neither the command nor what only the command needs.
 */
class WarContentsIT {
    @Test
    void theWarCarriesTheCoreAndTheHandlersButNoPicocliNorTheCommand() throws IOException {
        List<String> libraries;
        try (JarFile war = new JarFile(Path.of(System.getProperty("inbound.war")).toFile())) {
            libraries = war.stream().map(ZipEntry::getName).filter(name -> name.startsWith("WEB-INF/lib/"))
                    .map(name -> name.substring("WEB-INF/lib/".length())).filter(name -> !name.isEmpty()).toList();
        }

        assertThat(libraries).as("WEB-INF/lib").anyMatch(jar -> jar.startsWith("inbound-server-"))
                .anyMatch(jar -> jar.startsWith("inbound-micrometer-"))
                .anyMatch(jar -> jar.startsWith("inbound-handlers-maildir-"))
                .anyMatch(jar -> jar.startsWith("inbound-handlers-jms-"))
                .anyMatch(jar -> jar.startsWith("bcpkix-"))
                .noneMatch(jar -> jar.startsWith("picocli-"))
                .noneMatch(jar -> jar.startsWith("inbound-command-"))
                .noneMatch(jar -> jar.startsWith("jackson-"))
                .noneMatch(jar -> jar.startsWith("micrometer-registry-prometheus"));
    }
}
