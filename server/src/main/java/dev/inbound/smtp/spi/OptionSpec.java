package dev.inbound.smtp.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One option of a handler or of the server, declared once: its name, the form of its value,
 * its default and a line of help. The {@code inbound} command's flags and {@code --help}, the
 * {@code INBOUND_*} variables, the configuration file and the WAR's context parameters are all
 * made from these, and {@link OptionValues#parse} checks values against them, so a handler
 * writes no parsing or checking of its own.
 *
 * <pre>{@code
 * static final OptionSpec<String> HOST = OptionSpec.string("host", "HOST", "the server to forward to").required();
 * static final OptionSpec<Integer> PORT = OptionSpec.integer("port", 1, 65535, "its port").defaultValue("25");
 * }</pre>
 *
 * @param <T> what a value becomes once parsed
 */
public final class OptionSpec<T> {
    private final String name;
    private final String label;
    private final String help;
    private final String defaultValue;
    private final boolean required;
    private final boolean secret;
    private final boolean prefix;
    private final Function<String, T> parser;

    private OptionSpec(String name, String label, String help, String defaultValue, boolean required, boolean secret,
            boolean prefix, Function<String, T> parser) {
        this.name = Objects.requireNonNull(name);
        this.label = Objects.requireNonNull(label);
        this.help = Objects.requireNonNull(help);
        this.defaultValue = defaultValue;
        this.required = required;
        this.secret = secret;
        this.prefix = prefix;
        this.parser = Objects.requireNonNull(parser);
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("An option name is lower case letters, digits and dashes: " + name);
        }
    }

    /** Any text; {@code label} names it in help, such as {@code HOST}. */
    public static OptionSpec<String> string(String name, String label, String help) {
        return new OptionSpec<>(name, label, help, null, false, false, false, Function.identity());
    }

    /** A path on this machine. */
    public static OptionSpec<Path> path(String name, String help) {
        return new OptionSpec<>(name, "PATH", help, null, false, false, false, Path::of);
    }

    /** A whole number from {@code min} to {@code max}. */
    public static OptionSpec<Integer> integer(String name, int min, int max, String help) {
        return new OptionSpec<>(name, "NUMBER", help, null, false, false, false, value -> {
            try {
                int number = Integer.parseInt(value.strip());
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below, with the range
            }
            throw new IllegalArgumentException("must be a whole number from " + min + " to " + max);
        });
    }

    /** A number of seconds, at least 1, as a {@link Duration}. */
    public static OptionSpec<Duration> seconds(String name, String help) {
        return new OptionSpec<>(name, "SECONDS", help, null, false, false, false, value -> {
            try {
                long seconds = Long.parseLong(value.strip());
                if (seconds >= 1) {
                    return Duration.ofSeconds(seconds);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("must be a whole number of seconds, at least 1");
        });
    }

    /** A number of bytes, with {@code K}, {@code M} or {@code G} for KiB, MiB, GiB ({@code 50M}). */
    public static OptionSpec<Long> bytes(String name, String help) {
        return new OptionSpec<>(name, "BYTES", help, null, false, false, false, ByteCount::parse);
    }

    /** {@code true} or {@code false}. */
    public static OptionSpec<Boolean> flag(String name, String help) {
        return choice(name, help, Map.of("true", true, "false", false)).label("true|false");
    }

    /** One of the words of {@code choices}, each standing for its value; help lists them in order. */
    public static <T> OptionSpec<T> choice(String name, String help, Map<String, T> choices) {
        Map<String, T> words = new LinkedHashMap<>(choices);
        String label = String.join("|", words.keySet());
        return new OptionSpec<>(name, label, help, null, false, false, false, value -> {
            T chosen = words.get(value.strip());
            if (chosen == null) {
                throw new IllegalArgumentException("must be " + or(List.copyOf(words.keySet())));
            }
            return chosen;
        });
    }

    /** One of the constants of {@code type}, written in lower case with dashes ({@code PER_RECIPIENT} is {@code per-recipient}). */
    public static <E extends Enum<E>> OptionSpec<E> choice(String name, String help, Class<E> type) {
        Map<String, E> words = new LinkedHashMap<>();
        Arrays.stream(type.getEnumConstants()).forEach(e -> words.put(e.name().toLowerCase(Locale.ROOT).replace('_', '-'), e));
        return choice(name, help, words);
    }

    /**
     * A family of options {@code NAME.KEY}, such as {@code route.orders.example=mail.orders}:
     * the values are parsed by {@link OptionValues#prefixed}, keyed by what follows the dot.
     */
    public static OptionSpec<String> prefixed(String name, String keyLabel, String help) {
        return new OptionSpec<>(name, keyLabel, help, null, false, false, true, Function.identity());
    }

    /** This option with {@code value} as its default, as it would be written; checked at once. */
    public OptionSpec<T> defaultValue(String value) {
        parse(Objects.requireNonNull(value));
        return new OptionSpec<>(name, label, help, value, required, secret, prefix, parser);
    }

    /** This option, which must be given. */
    public OptionSpec<T> required() {
        return new OptionSpec<>(name, label, help, defaultValue, true, secret, prefix, parser);
    }

    /** This option, whose value is a secret: never shown, better given in the environment. */
    public OptionSpec<T> secret() {
        return new OptionSpec<>(name, label, help, defaultValue, required, true, prefix, parser);
    }

    /** This option with {@code label} naming its value in help. */
    public OptionSpec<T> label(String label) {
        return new OptionSpec<>(name, label, help, defaultValue, required, secret, prefix, parser);
    }

    public String name() {
        return name;
    }

    /** What the value looks like, for help: {@code BYTES}, {@code true|false}, {@code single|per-recipient|map}. */
    public String label() {
        return label;
    }

    /** One line on what the option does. */
    public String help() {
        return help;
    }

    /** The default as it would be written, or {@code null} for none. */
    public String defaultValue() {
        return defaultValue;
    }

    public boolean isRequired() {
        return required;
    }

    public boolean isSecret() {
        return secret;
    }

    /** Whether this names a family {@code NAME.KEY} rather than one option. */
    public boolean isPrefix() {
        return prefix;
    }

    /** The value {@code text} stands for; throws {@link IllegalArgumentException} saying what it must be. */
    public T parse(String text) {
        return parser.apply(text);
    }

    /** {@code a}, {@code a or b}, {@code a, b or c}. */
    static String or(List<String> words) {
        if (words.size() <= 1) {
            return String.join("", words);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    @Override
    public String toString() {
        return name + (prefix ? "." + label : "=" + label);
    }
}
