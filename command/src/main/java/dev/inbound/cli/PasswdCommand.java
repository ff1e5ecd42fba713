package dev.inbound.cli;

import dev.inbound.smtp.PasswordFileAuthenticator;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code inbound passwd FILE USER}: adds a user to a password file for {@code --auth-file}, or
 * sets a new password. The password comes from the console, asked twice, or from the first
 * line of standard input with {@code --password-stdin}; never from the command line, where
 * other users could read it.
 *
 * <pre>{@code
 * inbound passwd /etc/inbound/users alice
 * printf '%s\n' "$PASSWORD" | inbound passwd --password-stdin /etc/inbound/users alice
 * }</pre>
 */
@Command(name = "passwd", mixinStandardHelpOptions = true,
        description = "Adds a user to a password file for --auth-file, or sets the user's password.")
final class PasswdCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The password file; created if missing.")
    private Path file;

    @Parameters(index = "1", paramLabel = "USER", description = "The user name.")
    private String user;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    private boolean passwordStdin;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    PasswdCommand(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        String password = passwordStdin ? firstLine() : fromConsole();
        if (password == null) {
            return 1;
        }
        if (password.isEmpty()) {
            err.println("inbound passwd: the password is empty");
            return 1;
        }
        try {
            PasswordFileAuthenticator.setPassword(file, user, password);
        } catch (IllegalArgumentException e) {
            err.println("inbound passwd: " + e.getMessage());
            return 1;
        }
        out.println("Password for " + user + " set in " + file);
        return 0;
    }

    private String firstLine() throws IOException {
        String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            err.println("inbound passwd: no password on standard input");
        }
        return line;
    }

    private String fromConsole() {
        Console console = System.console();
        if (console == null) {
            err.println("inbound passwd: no console to ask for the password; use --password-stdin");
            return null;
        }
        char[] first = console.readPassword("Password for %s: ", user);
        char[] again = console.readPassword("Again: ");
        if (first == null || again == null || !Arrays.equals(first, again)) {
            err.println("inbound passwd: the passwords differ");
            return null;
        }
        return new String(first);
    }
}
