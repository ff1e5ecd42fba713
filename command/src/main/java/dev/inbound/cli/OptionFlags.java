package dev.inbound.cli;

import dev.inbound.smtp.config.OptionSection;
import dev.inbound.smtp.config.ServerConfiguration;
import dev.inbound.smtp.spi.OptionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line's flags, made from the options' declarations: {@code size} becomes
 * {@code --size BYTES}, a flag {@code --received-header[=true|false]} (with
 * {@code --no-received-header} when it is on by default), a list may be repeated. Picocli parses
 * them as text only; {@link ServerConfiguration} checks the values, the same way for every
 * source, and {@code --help} lists them by section.
 */
final class OptionFlags {
    private final List<OptionSection> sections;
    /** The picocli option of each declared option, by the option's name. */
    private final Map<String, picocli.CommandLine.Model.OptionSpec> flags = new LinkedHashMap<>();

    OptionFlags(List<OptionSection> sections) {
        this.sections = List.copyOf(sections);
        for (OptionSection section : sections) {
            for (OptionSpec<?> option : section.options()) {
                if (!option.isPrefix()) {
                    flags.put(option.name(), flag(option));
                }
            }
        }
    }

    /** Adds every flag to {@code spec}, and a help that lists them under their sections' titles. */
    void addTo(CommandSpec spec) {
        flags.values().forEach(spec::addOption);
        spec.usageMessage().abbreviateSynopsis(true); // the options are too many to list there
        spec.usageMessage().sectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, this::optionList);
    }

    /** The options given on the command line, as text, lists joined with commas. */
    Map<String, String> given(ParseResult parsed) {
        Map<String, String> given = new LinkedHashMap<>();
        flags.forEach((name, flag) -> {
            if (parsed.hasMatchedOption(flag)) {
                Object value = flag.getValue();
                given.put(name, value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                        : String.valueOf(value));
            }
        });
        return given;
    }

    private static picocli.CommandLine.Model.OptionSpec flag(OptionSpec<?> option) {
        picocli.CommandLine.Model.OptionSpec.Builder flag = picocli.CommandLine.Model.OptionSpec
                .builder("--" + option.name())
                .paramLabel(option.label())
                .description(description(option));
        if (option.isFlag()) {
            flag.type(Boolean.class).arity("0..1").fallbackValue("true")
                    .negatable("true".equals(option.defaultValue())).paramLabel("true|false");
        } else if (option.isList()) {
            flag.type(List.class).auxiliaryTypes(String.class).splitRegex(",");
        } else {
            flag.type(String.class);
        }
        return flag.build();
    }

    /** The option's help, with its default (flags: only when on) and, for a secret, where better to give it. */
    private static String description(OptionSpec<?> option) {
        String text = option.help();
        String defaultValue = option.defaultValue();
        if (defaultValue != null && !(option.isFlag() && defaultValue.equals("false"))) {
            boolean sentence = text.endsWith(".");
            text = (sentence ? text.substring(0, text.length() - 1) : text)
                    + " (default " + (option.isFlag() ? "on" : defaultValue) + ")" + (sentence ? "." : "");
        }
        if (option.isSecret()) {
            text += " Better given as " + ServerConfiguration.variable(option.name()) + ".";
        }
        return text;
    }

    /** The options by section, then what picocli adds of its own (--help, --version). */
    private String optionList(Help help) {
        StringBuilder text = new StringBuilder();
        List<picocli.CommandLine.Model.OptionSpec> rest = new ArrayList<>(help.commandSpec().options());
        for (OptionSection section : sections) {
            List<picocli.CommandLine.Model.OptionSpec> listed = section.options().stream()
                    .filter(option -> flags.containsKey(option.name())).map(option -> flags.get(option.name())).toList();
            if (!listed.isEmpty()) {
                text.append(help.createHeading("%n" + section.title() + ":%n"));
                text.append(help.optionListExcludingGroups(listed));
                rest.removeAll(listed);
            }
        }
        if (!rest.isEmpty()) {
            text.append(help.createHeading("%nGeneral:%n")).append(help.optionListExcludingGroups(rest));
        }
        return text.toString();
    }
}
