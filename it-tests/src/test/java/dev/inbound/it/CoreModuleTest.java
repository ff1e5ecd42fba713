package dev.inbound.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.clients.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core jar is a named module whose exports are the API only, and the core's sources name
 * none of the libraries that moved out of it. Reads the jar the reactor built, as a user's
 * {@code jar --describe-module} would, so it needs {@code server} packaged first (verify does).
 */
class CoreModuleTest {
    private static final Path SERVER = ReadmeSnippets.repository().resolve("server");
    private static final Pattern MOVED_OUT = Pattern.compile("^import\\s+(static\\s+)?(io\\.micrometer|picocli|com\\.fasterxml)\\.",
            Pattern.MULTILINE);

    @Test
    void theCoreJarIsANamedModuleThatExportsTheApiOnly() throws Exception {
        String jar = Path.of(System.getProperty("java.home"), "bin", "jar").toString();
        ProcessRunner.Result described = ProcessRunner.run(List.of(jar, "--describe-module", "--file", coreJar().toString()));

        assertThat(described.exitCode()).as(described.describe()).isZero();
        List<String> lines = described.stdout().lines().map(String::trim).toList();
        assertThat(lines.get(0)).as(described.describe()).startsWith("dev.inbound.server@").doesNotContain("automatic");
        List<String> exports = lines.stream().filter(line -> line.startsWith("exports ")).toList();
        assertThat(exports).containsExactlyInAnyOrder(
                "exports dev.inbound.smtp", "exports dev.inbound.smtp.handlers", "exports dev.inbound.smtp.spi",
                "exports dev.inbound.smtp.config");
        // The transport is open to MINA alone, whose processor pool makes its I/O threads by reflection.
        assertThat(lines).filteredOn(line -> line.startsWith("qualified exports ")).containsExactly(
                "qualified exports dev.inbound.smtp.transport to org.apache.mina.core");
        assertThat(lines).filteredOn(line -> line.startsWith("contains ")).contains(
                "contains dev.inbound.smtp.codec", "contains dev.inbound.smtp.protocol",
                "contains dev.inbound.smtp.spool", "contains dev.inbound.smtp.tls", "contains dev.inbound.smtp.auth");
        assertThat(lines).filteredOn(line -> line.startsWith("provides ")).singleElement().asString()
                .startsWith("provides dev.inbound.smtp.spi.HandlerFactory with ")
                .contains("SinkHandlerFactory", "CollectorHandlerFactory", "ConsoleHandlerFactory", "RelayHandlerFactory");
    }

    @Test
    void noCoreSourceImportsMicrometerPicocliOrJackson() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(SERVER.resolve("src/main/java"))) {
            sources = files.filter(file -> file.toString().endsWith(".java")).toList();
        }
        assertThat(sources).as("core sources").hasSizeGreaterThan(50);
        List<String> offending = sources.stream()
                .filter(file -> MOVED_OUT.matcher(TestSources.read(file)).find())
                .map(file -> SERVER.relativize(file).toString())
                .toList();
        assertThat(offending).as("core sources importing io.micrometer, picocli or com.fasterxml").isEmpty();
    }

    /** {@code server/target/inbound-server-<version>.jar}, not the test jar. */
    private static Path coreJar() throws IOException {
        try (Stream<Path> files = Files.list(SERVER.resolve("target"))) {
            List<Path> jars = files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith("inbound-server-") && name.endsWith(".jar") && !name.endsWith("-tests.jar");
            }).toList();
            assertThat(jars).as("the core jar; package server first (-pl it-tests -am verify)").hasSize(1);
            return jars.get(0);
        }
    }
}
