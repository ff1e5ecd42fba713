package dev.inbound.smtp;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The class path for a child JVM that runs this module's main and test classes. Surefire runs
 * the server's tests on the module path, where {@code java.class.path} holds only its booter and
 * the test classes are patched into the module, so this gathers the module path, the class path
 * and the test classes' own directory; the child runs them all on its class path.
 *
 * <pre>{@code
 * new ProcessBuilder(java, "-cp", ChildClassPath.of(entry -> true), Main.class.getName());
 * }</pre>
 */
public final class ChildClassPath {
    private ChildClassPath() {
    }

    /** Every entry that {@code keep} accepts, joined for {@code -cp}. */
    public static String of(Predicate<String> keep) {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(testClasses());
        Stream.of("jdk.module.path", "java.class.path")
                .map(System::getProperty)
                .filter(value -> value != null && !value.isEmpty())
                .flatMap(value -> Stream.of(value.split(File.pathSeparator)))
                .forEach(entries::add);
        return String.join(File.pathSeparator, entries.stream().filter(keep).toList());
    }

    private static String testClasses() {
        try {
            return Path.of(ChildClassPath.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
