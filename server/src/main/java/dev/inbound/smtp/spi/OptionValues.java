package dev.inbound.smtp.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Option values checked against their {@link OptionSpec}s: every key known, every value of the
 * right form, every required option given. Problems read as {@code Handler 'relay' needs option host}. What a {@link HandlerFactory} is made with.
 *
 * <pre>{@code
 * OptionValues values = OptionValues.parse("handler 'relay'", List.of(HOST, PORT), Map.of("host", "mx.example"));
 * int port = values.get(PORT); // 25, its default
 * }</pre>
 */
public final class OptionValues {
    private final String owner;
    private final Map<String, Object> values;
    private final Map<String, Map<String, String>> families;
    private final Set<String> given;

    private OptionValues(String owner, Map<String, Object> values, Map<String, Map<String, String>> families,
            Set<String> given) {
        this.owner = owner;
        this.values = values;
        this.families = families;
        this.given = given;
    }

    /**
     * {@code given} checked against {@code specs}; throws {@link IllegalArgumentException}
     * naming {@code owner} (such as {@code handler 'maildir'}) and every problem found: unknown
     * keys (with the known ones), values of the wrong form, missing required options.
     */
    public static OptionValues parse(String owner, List<OptionSpec<?>> specs, Map<String, String> given) {
        Map<String, OptionSpec<?>> byName = new LinkedHashMap<>();
        specs.forEach(spec -> byName.put(spec.name(), spec));
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Map<String, String>> families = new LinkedHashMap<>();
        Set<String> unknown = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        given.forEach((key, text) -> {
            int dot = key.indexOf('.');
            OptionSpec<?> family = dot > 0 ? byName.get(key.substring(0, dot)) : null;
            if (family != null && family.isPrefix() && dot + 1 < key.length()) {
                families.computeIfAbsent(family.name(), name -> new LinkedHashMap<>()).put(key.substring(dot + 1), text);
                return;
            }
            OptionSpec<?> spec = byName.get(key);
            if (spec == null || spec.isPrefix()) {
                unknown.add(key);
                return;
            }
            try {
                values.put(key, spec.parse(Objects.requireNonNull(text, key)));
            } catch (IllegalArgumentException e) {
                problems.add("option " + key + " " + e.getMessage() + (spec.isSecret() ? "" : ", not '" + text + "'"));
            }
        });
        if (!unknown.isEmpty()) {
            List<String> known = specs.stream().map(s -> s.isPrefix() ? s.name() + "." + s.label() : s.name()).toList();
            problems.add(0, "has no option " + String.join(", ", unknown)
                    + (known.isEmpty() ? "; it takes none" : "; it takes " + String.join(", ", known)));
        }
        for (OptionSpec<?> spec : specs) {
            if (!values.containsKey(spec.name()) && !spec.isPrefix()) {
                if (spec.defaultValue() != null) {
                    values.put(spec.name(), spec.parse(spec.defaultValue()));
                } else if (spec.isRequired()) {
                    problems.add("needs option " + spec.name() + " (" + spec.help() + ")");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(capitalized(owner) + " " + String.join("; ", problems));
        }
        return new OptionValues(owner, values, families, Set.copyOf(given.keySet()));
    }

    /** The value of {@code spec}: as given, else its default, else {@code null}. */
    @SuppressWarnings("unchecked")
    public <T> T get(OptionSpec<T> spec) {
        return (T) values.get(spec.name());
    }

    /** The members of the family {@code spec} ({@link OptionSpec#prefixed}), keyed by what follows its dot. */
    public Map<String, String> prefixed(OptionSpec<?> spec) {
        return Map.copyOf(families.getOrDefault(spec.name(), Map.of()));
    }

    /** Whether {@code spec} was given, not just defaulted. */
    public boolean given(OptionSpec<?> spec) {
        return given.contains(spec.name());
    }

    /** A failure in the words of the other checks: {@code Handler 'maildir': option template is for mode=per-recipient}. */
    public IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException(capitalized(owner) + ": " + problem);
    }

    private static String capitalized(String owner) {
        return Character.toUpperCase(owner.charAt(0)) + owner.substring(1);
    }

    @Override
    public String toString() {
        return owner + " " + values.keySet();
    }
}
