package dev.inbound.it.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.it.ReadmeSnippets;
import dev.inbound.smtp.clients.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user's project gets when it adds {@code inbound-junit} to its tests: a fresh Maven
 * project whose only dependency that is, resolved by Maven as a user's build resolves it. The
 * reactor's just-built artifacts are put into a local repository of the test's own, and every
 * other artifact comes from {@code ~/.m2/repository} read as a file:// remote repository, so the
 * test needs no network and never writes to the shared repository.
 */
class EmbeddingFootprintIT {
    private static final String VERSION = System.getProperty("inbound.version");
    /** The README's list: besides JUnit's own jars, these and nothing else. */
    private static final List<String> EXPECTED = List.of("angus-activation", "angus-mail", "inbound-junit",
            "inbound-server", "jakarta.activation-api", "jakarta.mail-api", "mina-core", "slf4j-api");
    private static final Pattern JUNIT_OWN = Pattern.compile("junit-.*|opentest4j|apiguardian-api");
    private static final Pattern JAR = Pattern.compile("(.+?)-\\d[^-]*(?:-SNAPSHOT)?\\.jar");

    @TempDir
    Path dir;

    @Test
    void aProjectThatAddsInboundJunitGetsEightSmallJars() throws Exception {
        Path repository = dir.resolve("repository");
        Path root = ReadmeSnippets.repository();
        Path underTest = Path.of(System.getProperty("inbound.under-test"));
        install(repository, "inbound-parent", root.resolve("pom.xml"), null);
        install(repository, "inbound-server", root.resolve("server/pom.xml"), underTest.resolve("inbound-server.jar"));
        install(repository, "inbound-junit", root.resolve("junit/pom.xml"), underTest.resolve("inbound-junit.jar"));
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("pom.xml"), userPom());
        Files.writeString(dir.resolve("settings.xml"), settings(Path.of(System.getProperty("user.home"), ".m2", "repository")));

        ProcessRunner.Result resolved = ProcessRunner.run(List.of(root.resolve("mvnw").toString(), "-B", "-q",
                "-f", project.resolve("pom.xml").toString(), "-s", dir.resolve("settings.xml").toString(),
                "-Dmaven.repo.local=" + repository, "dependency:copy-dependencies", "-DincludeScope=test",
                "-DoutputDirectory=" + dir.resolve("libs")), Duration.ofMinutes(3));
        assertThat(resolved.exitCode()).as(resolved.describe()).isZero();

        Map<String, Long> jars = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir.resolve("libs"))) {
            for (Path jar : files.toList()) {
                Matcher name = JAR.matcher(jar.getFileName().toString());
                assertThat(name.matches()).as(jar.toString()).isTrue();
                if (!JUNIT_OWN.matcher(name.group(1)).matches()) {
                    jars.put(name.group(1), Files.size(jar));
                }
            }
        }
        long total = jars.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("inbound-junit brings %d jars, %d bytes: %s%n", jars.size(), total, jars);
        assertThat(jars.keySet()).containsExactlyElementsOf(EXPECTED);
        assertThat(total).isLessThan(4L << 20);
    }

    /** Puts one artifact where a local repository has it, as {@code mvn install} would. */
    private static void install(Path repository, String artifact, Path pom, Path jar) throws IOException {
        Path at = Files.createDirectories(repository.resolve("dev/inbound/" + artifact + "/" + VERSION));
        Files.copy(pom, at.resolve(artifact + "-" + VERSION + ".pom"));
        if (jar != null) {
            Files.copy(jar, at.resolve(artifact + "-" + VERSION + ".jar"));
        }
    }

    private static String userPom() {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example</groupId>
                  <artifactId>signup</artifactId>
                  <version>1</version>
                  <dependencies>
                    <dependency>
                      <groupId>dev.inbound</groupId>
                      <artifactId>inbound-junit</artifactId>
                      <version>%s</version>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-dependency-plugin</artifactId>
                        <version>%s</version>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(VERSION, System.getProperty("dependency.plugin.version"));
    }

    /** Every repository, Maven Central included, mirrored by the machine's own local repository. */
    private static String settings(Path m2) {
        return """
                <settings>
                  <mirrors>
                    <mirror>
                      <id>machine</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(m2.toUri());
    }
}
