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
    private final Form form;
    private final Function<String, T> parser;

    /** How a value is written: one value, true or false, a comma-separated list, or a family NAME.KEY. */
    private enum Form { VALUE, FLAG, LIST, PREFIX }

    private OptionSpec(String name, String label, String help, String defaultValue, boolean required, boolean secret,
            Form form, Function<String, T> parser) {
        this.name = Objects.requireNonNull(name);
        this.label = Objects.requireNonNull(label);
        this.help = Objects.requireNonNull(help);
        this.defaultValue = defaultValue;
        this.required = required;
        this.secret = secret;
        this.form = form;
        this.parser = Objects.requireNonNull(parser);
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("An option name is lower case letters, digits and dashes: " + name);
        }
    }

    /** Any text; {@code label} names it in help, such as {@code HOST}. */
    public static OptionSpec<String> string(String name, String label, String help) {
        return new OptionSpec<>(name, label, help, null, false, false, Form.VALUE, Function.identity());
    }

    /** A path on this machine. */
    public static OptionSpec<Path> path(String name, String help) {
        return new OptionSpec<>(name, "PATH", help, null, false, false, Form.VALUE, Path::of);
    }

    /** A whole number from {@code min} to {@code max}. */
    public static OptionSpec<Integer> integer(String name, int min, int max, String help) {
        return new OptionSpec<>(name, "NUMBER", help, null, false, false, Form.VALUE, value -> {
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
        return new OptionSpec<>(name, "SECONDS", help, null, false, false, Form.VALUE, value -> {
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
        return new OptionSpec<>(name, "BYTES", help, null, false, false, Form.VALUE, ByteCount::parse);
    }

    /** Any value {@code parser} takes; it throws {@link IllegalArgumentException} saying what the value must be. */
    public static <T> OptionSpec<T> of(String name, String label, String help, Function<String, T> parser) {
        return new OptionSpec<>(name, label, help, null, false, false, Form.VALUE, parser);
    }

    /** {@code true} or {@code false}; a command line may give it bare for {@code true}. */
    public static OptionSpec<Boolean> flag(String name, String help) {
        Map<String, Boolean> words = new LinkedHashMap<>();
        words.put("true", true);
        words.put("false", false);
        return new OptionSpec<>(name, "true|false", help, null, false, false, Form.FLAG, oneOf(words));
    }

    /**
     * Values separated by commas, each read by {@code item} ({@code 10.0.0.0/8,::1}); blanks
     * between commas are dropped, so an empty value is an empty list. A command line may give
     * the option again for more values.
     */
    public static <E> OptionSpec<List<E>> list(String name, String label, String help, Function<String, E> item) {
        return new OptionSpec<>(name, label, help, null, false, false, Form.LIST, value -> Arrays.stream(value.split(","))
                .map(String::strip).filter(part -> !part.isEmpty()).map(item).toList());
    }

    /** One of the words of {@code choices}, each standing for its value; help lists them in order. */
    public static <T> OptionSpec<T> choice(String name, String help, Map<String, T> choices) {
        Map<String, T> words = new LinkedHashMap<>(choices);
        return new OptionSpec<>(name, String.join("|", words.keySet()), help, null, false, false, Form.VALUE, oneOf(words));
    }

    /** Reads one of the words of {@code words}, saying which it must be otherwise. */
    private static <T> Function<String, T> oneOf(Map<String, T> words) {
        return value -> {
            T chosen = words.get(value.strip());
            if (chosen == null) {
                throw new IllegalArgumentException("must be " + or(List.copyOf(words.keySet())));
            }
            return chosen;
        };
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
        return new OptionSpec<>(name, keyLabel, help, null, false, false, Form.PREFIX, Function.identity());
    }

    /** This option with {@code value} as its default, as it would be written; checked at once. */
    public OptionSpec<T> defaultValue(String value) {
        parse(Objects.requireNonNull(value));
        return new OptionSpec<>(name, label, help, value, required, secret, form, parser);
    }

    /** This option, which must be given. */
    public OptionSpec<T> required() {
        return new OptionSpec<>(name, label, help, defaultValue, true, secret, form, parser);
    }

    /** This option, whose value is a secret: never shown, better given in the environment. */
    public OptionSpec<T> secret() {
        return new OptionSpec<>(name, label, help, defaultValue, required, true, form, parser);
    }

    /** This option with {@code label} naming its value in help. */
    public OptionSpec<T> label(String label) {
        return new OptionSpec<>(name, label, help, defaultValue, required, secret, form, parser);
    }

    /**
     * This option under another name, never required: how a host offers a handler's {@code url}
     * as its own {@code jms-url}, passing it on only when given, for the handler to check whole.
     */
    public OptionSpec<T> alias(String name) {
        return new OptionSpec<>(name, label, help, defaultValue, false, secret, form, parser);
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
        return form == Form.PREFIX;
    }

    /** Whether the value is {@code true} or {@code false} ({@link #flag}). */
    public boolean isFlag() {
        return form == Form.FLAG;
    }

    /** Whether the value is a comma-separated list ({@link #list}). */
    public boolean isList() {
        return form == Form.LIST;
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
        return name + (isPrefix() ? "." + label : "=" + label);
    }
}
