package dev.inbound.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Values for the options the command line leaves out: first from {@code INBOUND_*} environment
 * variables ({@code --max-connections} is {@code INBOUND_MAX_CONNECTIONS}), then from the
 * properties file named by {@code --config} or {@code INBOUND_CONFIG} (keys are the long option
 * names, {@code max-connections=10}). Picocli falls back to the option's own default after that.
 */
final class OptionDefaults implements IDefaultValueProvider {
    static final String CONFIG = "config";
    private static final String PREFIX = "INBOUND_";

    private final CommandSpec spec;
    private final Map<String, String> environment;
    private final Path configFile;
    private Properties file;

    /**
     * Defaults for {@code spec}'s options. The config file is named before parsing, since
     * picocli needs its values while it parses: so {@code args} are scanned for it here.
     */
    OptionDefaults(CommandSpec spec, Map<String, String> environment, String[] args) {
        this.spec = spec;
        this.environment = environment;
        String named = configArgument(args);
        if (named == null) {
            named = environment.get(variable(CONFIG));
        }
        this.configFile = named == null || named.isBlank() ? null : Path.of(named);
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return null;
        }
        String key = key(option);
        String value = environment.get(variable(key));
        if (value == null && !key.equals(CONFIG)) {
            value = file().getProperty(key);
        }
        return value;
    }

    /** {@code --max-connections} → {@code max-connections}. */
    static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    /** {@code max-connections} → {@code INBOUND_MAX_CONNECTIONS}. */
    static String variable(String key) {
        return PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static String configArgument(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                break; // what follows is not an option
            }
            if (args[i].equals("--" + CONFIG) && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith("--" + CONFIG + "=")) {
                return args[i].substring(CONFIG.length() + 3);
            }
        }
        return null;
    }

    /** The file's properties, read on first use; a missing file or an unknown key fails the parse. */
    private Properties file() {
        if (file == null) {
            Properties read = new Properties();
            if (configFile != null) {
                try (Reader in = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                    read.load(in);
                } catch (IOException e) {
                    throw new ParameterException(spec.commandLine(), "Cannot read config file " + configFile + ": " + e);
                }
                requireKnownKeys(read);
            }
            file = read;
        }
        return file;
    }

    private void requireKnownKeys(Properties read) {
        Set<String> known = spec.options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp())
                .map(OptionDefaults::key)
                .filter(key -> !key.equals(CONFIG)) // a config file does not name another
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> unknown = new TreeSet<>(read.stringPropertyNames());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Config file " + configFile + " has unknown keys "
                    + String.join(", ", unknown) + "; keys are long option names: " + String.join(", ", known));
        }
    }
}
