package dev.inbound.smtp.config;

import dev.inbound.smtp.spi.HandlerFactory;
import dev.inbound.smtp.spi.OptionSpec;
import dev.inbound.smtp.spi.OptionValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which handlers take the messages, and their options: {@code --handler a,b}, then
 * {@code --handler-option KEY=VALUE} ({@code NAME.KEY=VALUE} for handler {@code NAME}, any
 * other for the first), and, for each option a handler factory declares, an option of the
 * server named {@code <handler>-<option>} ({@code jms-url}, {@code store-max-size}), so that it
 * also has its {@code INBOUND_*} variable and its line in {@code --help}. A handler option given
 * with {@code --handler-option} wins over the same one given as {@code <handler>-<option>}, as
 * the more specific; {@code <handler>-<option>} values of handlers not in the chain are left
 * alone, since their variables may be set for a whole machine or image.
 */
final class HandlerOptions {
    static final OptionSpec<List<String>> HANDLER = OptionSpec.list("handler", "NAME",
            "What to do with each message: " + String.join(", ", HandlerFactory.available().keySet())
                    + "; several, comma-separated, are asked in turn (maildir,store).", name -> name)
            .defaultValue("console");
    static final OptionSpec<List<Map.Entry<String, String>>> HANDLER_OPTION = OptionSpec.list("handler-option",
            "KEY=VALUE", "An option for the handler, such as host=mx.example for relay; repeat it, or separate with"
                    + " commas. With several handlers, NAME.KEY=VALUE is for handler NAME, any other for the first.",
            HandlerOptions::keyValue);

    /** The factory of each aliased option, by the option's server-wide name. */
    private final Map<String, HandlerFactory> aliasOwners = new LinkedHashMap<>();
    private final List<OptionSection> sections = new ArrayList<>();

    HandlerOptions() {
        sections.add(new OptionSection("Handlers", List.of(HANDLER, HANDLER_OPTION)));
        for (HandlerFactory factory : HandlerFactory.available().values()) {
            List<OptionSpec<?>> aliases = new ArrayList<>();
            for (OptionSpec<?> option : factory.options()) {
                if (!option.isPrefix()) {
                    String alias = factory.name() + "-" + option.name();
                    aliases.add(option.alias(alias));
                    aliasOwners.put(alias, factory);
                }
            }
            if (!aliases.isEmpty()) {
                sections.add(new OptionSection("Handler " + factory.name() + ": " + factory.description(), aliases));
            }
        }
    }

    List<OptionSection> sections() {
        return sections;
    }

    /** The handler names in order; throws {@link IllegalArgumentException} for a name given twice. */
    static List<String> chain(OptionValues values) {
        List<String> names = values.get(HANDLER);
        List<String> once = new ArrayList<>();
        for (String name : names) {
            if (once.contains(name)) {
                throw new IllegalArgumentException("--handler names " + name + " twice: '" + String.join(",", names) + "'");
            }
            once.add(name);
        }
        if (once.isEmpty()) {
            throw new IllegalArgumentException("--handler names no handler");
        }
        return List.copyOf(once);
    }

    /** The options, as text, of handler {@code name} in {@code chain}. */
    Map<String, String> optionsFor(String name, List<String> chain, OptionValues values, Map<String, String> given) {
        Map<String, String> mine = new LinkedHashMap<>();
        aliasOwners.forEach((alias, factory) -> {
            if (factory.name().equals(name) && given.containsKey(alias)) {
                mine.put(alias.substring(name.length() + 1), given.get(alias));
            }
        });
        for (Map.Entry<String, String> option : Objects.requireNonNullElse(values.get(HANDLER_OPTION),
                List.<Map.Entry<String, String>>of())) {
            String key = option.getKey();
            int dot = key.indexOf('.');
            String prefix = dot < 0 ? null : key.substring(0, dot);
            if (prefix != null && chain.contains(prefix)) {
                if (prefix.equals(name)) {
                    mine.put(key.substring(dot + 1), option.getValue());
                }
            } else if (name.equals(chain.get(0))) {
                mine.put(key, option.getValue());
            }
        }
        return mine;
    }

    private static Map.Entry<String, String> keyValue(String item) {
        int equals = item.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("must be KEY=VALUE");
        }
        return Map.entry(item.substring(0, equals).strip(), item.substring(equals + 1).strip());
    }
}
