package dev.inbound.smtp.config;

import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Handlers;
import dev.inbound.smtp.ServerEvents;
import dev.inbound.smtp.SmtpServer;
import dev.inbound.smtp.spi.ChainedHandler;
import dev.inbound.smtp.spi.HandlerFactory;
import dev.inbound.smtp.spi.OptionSpec;
import dev.inbound.smtp.spi.OptionValues;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * A server described by options as text, the way the {@code inbound} command, the WAR and the
 * container take them: {@code size=10M}, {@code handler=maildir}, {@code tls-self-signed=true}.
 * Each option is an {@link OptionSpec}, listed by {@link #sections()} for help; a host reads
 * values from its sources in order, the first that names an option winning, then
 * {@code INBOUND_*} variables, then the properties file named by option {@code config}.
 * Unknown options and bad values fail with {@link IllegalArgumentException}, naming where they
 * came from.
 *
 * <pre>{@code
 * ServerConfiguration configuration = ServerConfiguration.builder()
 *         .source("context parameters", Map.of("listen", "0.0.0.0:2525", "handler", "maildir",
 *                 "maildir-root", "/var/mail"))
 *         .environment(System.getenv())
 *         .read();
 * try (ConfiguredServer inbound = configuration.build()) {
 *     inbound.start();
 *     // ... until the host stops
 * }
 * }</pre>
 */
public final class ServerConfiguration {
    /** A properties file of options, read after every other source. */
    public static final OptionSpec<Path> CONFIG = OptionSpec.path("config",
            "A properties file of options, keys being the long option names.").label("FILE");
    private static final String PREFIX = "INBOUND_";

    private final Model model;
    private final OptionValues values;
    private final Map<String, String> given;
    private final List<String> chain;

    private ServerConfiguration(Model model, OptionValues values, Map<String, String> given, List<String> chain) {
        this.model = model;
        this.values = values;
        this.given = given;
        this.chain = chain;
    }

    /** A configuration to read from sources added in order. */
    public static Builder builder() {
        return new Builder();
    }

    /** The server's options, then one section for each handler on the class path that has options. */
    public static List<OptionSection> sections() {
        return new Model(List.of()).sections;
    }

    /** The environment variable of option {@code key}: {@code max-connections} is {@code INBOUND_MAX_CONNECTIONS}. */
    public static String variable(String key) {
        return PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The value of one of the host's own options (see {@link Builder#hostOptions}): as given, else its default, else null. */
    public <T> T get(OptionSpec<T> option) {
        return values.get(option);
    }

    /** Whether {@code option} was given, not just defaulted. */
    public boolean given(OptionSpec<?> option) {
        return values.given(option);
    }

    /** The names of the handlers that take each message, in order. */
    public List<String> handlerNames() {
        return chain;
    }

    /** This configuration with handler {@code name} last in the chain, unless it is in it already. */
    public ServerConfiguration withHandler(String name) {
        if (chain.contains(name)) {
            return this;
        }
        List<String> longer = new ArrayList<>(chain);
        longer.add(name);
        return new ServerConfiguration(model, values, given, List.copyOf(longer));
    }

    /** As {@link #build(ServerEvents, HandlerDefaults)}, with no events and the handler options as configured. */
    public ConfiguredServer build() {
        return build(ServerEvents.NONE, HandlerDefaults.NONE);
    }

    /**
     * The server, its handlers made, not started. A handler made before a later one (or a
     * server option) failed is closed again.
     *
     * @param events what hears of the server's connections and messages (metrics)
     * @param defaults what the host adds to each handler's options
     * @throws IllegalArgumentException for options that do not go together, or a handler that cannot be made
     */
    public ConfiguredServer build(ServerEvents events, HandlerDefaults defaults) {
        SmtpServer.Builder builder = SmtpServer.builder().events(events);
        model.groups.forEach(group -> group.applyTo(values, builder));
        List<Handler> made = new ArrayList<>();
        try {
            for (String name : chain) {
                Handler handler = HandlerFactory.named(name).create(defaults.complete(name, handlerOptions(name)));
                if (!made.isEmpty() && handler instanceof ChainedHandler chained) {
                    handler = chained.behindOthers(); // what the handlers before it took must not be refused now
                }
                made.add(handler);
            }
            SmtpServer server = builder.handler(made.size() == 1 ? made.get(0) : Handlers.all(made.toArray(Handler[]::new)))
                    .build();
            return new ConfiguredServer(server, made, String.join(",", chain));
        } catch (RuntimeException e) {
            ConfiguredServer.close(made);
            if (e instanceof IllegalStateException) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            throw e;
        }
    }

    /** The options, as text, that handler {@code name} of the chain is made with. */
    Map<String, String> handlerOptions(String name) {
        return model.handlers.optionsFor(name, chain, values, given);
    }

    /** Every option: the server's, the handlers' and the host's. */
    private static final class Model {
        final List<OptionGroup> groups = List.of(new ListenOptions(), new MessageOptions(), new ConnectionOptions(),
                new TlsOptions(), new AuthOptions(), new ProxyOptions(), new ListenerPolicyOptions());
        final HandlerOptions handlers = new HandlerOptions();
        final List<OptionSection> sections = new ArrayList<>();
        final Map<String, OptionSpec<?>> byName = new LinkedHashMap<>();

        Model(List<OptionSection> host) {
            groups.forEach(group -> sections.addAll(group.sections()));
            sections.addAll(handlers.sections());
            sections.add(new OptionSection("Configuration", List.of(CONFIG)));
            sections.addAll(host);
            for (OptionSection section : sections) {
                for (OptionSpec<?> option : section.options()) {
                    if (byName.putIfAbsent(option.name(), option) != null) {
                        // a handler whose name and option make a server option's name, say
                        throw new IllegalStateException("Two options are named " + option.name());
                    }
                }
            }
        }

        List<OptionSpec<?>> options() {
            return List.copyOf(byName.values());
        }
    }

    /** Where the options come from, in the order they are asked. */
    public static final class Builder {
        private record Source(String name, Map<String, String> values, boolean environment) {
        }

        private final List<Source> sources = new ArrayList<>();
        private final List<OptionSection> host = new ArrayList<>();

        private Builder() {
        }

        /** Options under their names ({@code size}), values as text; {@code name} says where they came from in errors. */
        public Builder source(String name, Map<String, String> values) {
            sources.add(new Source(Objects.requireNonNull(name), Map.copyOf(values), false));
            return this;
        }

        /** The {@code INBOUND_*} variables of {@code environment}, {@code INBOUND_SIZE} for {@code size}; others are left alone. */
        public Builder environment(Map<String, String> environment) {
            sources.add(new Source("the environment", Map.copyOf(environment), true));
            return this;
        }

        /** Options of the host's own, which every source may give too (the command's {@code http}); read them with {@link #get}. */
        public Builder hostOptions(List<OptionSection> sections) {
            host.addAll(sections);
            return this;
        }

        /** Reads and checks every source; throws {@link IllegalArgumentException} for unknown options and bad values. */
        public ServerConfiguration read() {
            Model model = new Model(host);
            List<OptionSpec<?>> options = model.options();
            List<Source> read = new ArrayList<>();
            for (Source source : sources) {
                read.add(source.environment() ? new Source(source.name(), variables(options, source.values()), false) : source);
            }
            Map<String, String> merged = new HashMap<>();
            for (Source source : read) {
                OptionValues.parse(source.name(), options, source.values()); // names the source of a bad value
                source.values().forEach(merged::putIfAbsent);
            }
            String config = merged.get(CONFIG.name());
            if (config != null && !config.isBlank()) {
                Path file = Path.of(config.strip());
                Map<String, String> fromFile = file(file);
                OptionValues.parse("config file " + file, options.stream().filter(o -> o != CONFIG).toList(), fromFile);
                fromFile.forEach(merged::putIfAbsent);
            }
            OptionValues values = OptionValues.parse("the configuration", options, merged);
            return new ServerConfiguration(model, values, Map.copyOf(merged), HandlerOptions.chain(values));
        }

        private static Map<String, String> variables(List<OptionSpec<?>> options, Map<String, String> environment) {
            Map<String, String> values = new LinkedHashMap<>();
            for (OptionSpec<?> option : options) {
                String value = environment.get(variable(option.name()));
                if (value != null) {
                    values.put(option.name(), value);
                }
            }
            return values;
        }

        private static Map<String, String> file(Path file) {
            Properties read = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                read.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot read config file " + file + ": " + e);
            }
            Map<String, String> values = new LinkedHashMap<>();
            read.stringPropertyNames().forEach(key -> values.put(key, read.getProperty(key).strip()));
            return values;
        }
    }
}
