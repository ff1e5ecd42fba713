package dev.inbound.it.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.clients.ProcessRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Processes in network namespaces of their own ({@code unshare --net}; root only, as the tests
 * run in CI): each has a loopback of its own and no other interface, so a README command can
 * listen on localhost:8025, on port 25 or on 0.0.0.0 exactly as written without meeting
 * anything else on the machine, and without being reachable from it. Each also gets a mount
 * namespace, in which folders the command writes to (such as /var/mail) can be replaced by a
 * throwaway tmpfs. Clients are run inside with {@link #run}.
 */
final class PrivateNetwork {
    private PrivateNetwork() {
    }

    /** {@code command} to be started in a new network namespace, with an empty tmpfs on each of {@code privateFolders}. */
    static List<String> wrap(List<String> command, String... privateFolders) {
        StringBuilder setup = new StringBuilder("ip link set lo up");
        for (String folder : privateFolders) {
            setup.append(" && mount -t tmpfs tmpfs ").append(folder);
        }
        // exec: the command takes the shell's pid, so that Process.destroy() sends it the SIGTERM.
        List<String> wrapped = new ArrayList<>(List.of("unshare", "--net", "--mount", "sh", "-c",
                setup + " && exec \"$@\"", "sh"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Runs {@code command} to its end in the network namespace of process {@code pid}, in folder {@code directory}. */
    static ProcessRunner.Result run(long pid, Path directory, List<String> command) throws IOException, InterruptedException {
        List<String> entered = new ArrayList<>(List.of("nsenter", "--target", String.valueOf(pid), "--net",
                "--wd=" + directory));
        entered.addAll(command);
        return ProcessRunner.run(entered);
    }

    /**
     * Connects the namespaces of processes {@code a} and {@code b} by a pair of virtual Ethernet
     * interfaces with addresses {@code addressA} and {@code addressB} (in CIDR form, one subnet).
     * The pair lives and dies with the namespaces.
     */
    static void link(long a, String addressA, long b, String addressB) throws IOException, InterruptedException {
        String name = "ib" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        check(ProcessRunner.run(List.of("ip", "link", "add", name + "a", "netns", String.valueOf(a), "type", "veth",
                "peer", "name", name + "b", "netns", String.valueOf(b))));
        check(run(a, Path.of("/"), List.of("sh", "-c", "ip addr add " + addressA + " dev " + name + "a && ip link set " + name + "a up")));
        check(run(b, Path.of("/"), List.of("sh", "-c", "ip addr add " + addressB + " dev " + name + "b && ip link set " + name + "b up")));
    }

    private static void check(ProcessRunner.Result result) {
        assertThat(result.exitCode()).as(result.describe()).isZero();
    }
}
