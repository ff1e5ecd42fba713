package dev.inbound.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code inbound} command's options for the {@code jms} handler: the broker's URL and
 * login as options of their own (and so as {@code INBOUND_JMS_*} variables), handed to the
 * handler as its options {@code url}, {@code user} and {@code password}.
 */
final class JmsOptions {
    private static final String HANDLER = "jms";

    @Option(names = "--jms-url", paramLabel = "URL",
            description = "Broker of the jms handler, e.g. tcp://broker:61616 (ActiveMQ Artemis; default tcp://localhost:61616).")
    private String url;

    @Option(names = "--jms-user", paramLabel = "USER", description = "User name at the broker of the jms handler.")
    private String user;

    @Option(names = "--jms-password", paramLabel = "PASSWORD",
            description = "Password at the broker of the jms handler; better given as INBOUND_JMS_PASSWORD.")
    private String password;

    /**
     * {@code options} for {@code handler}, with these added when it is the jms handler; other
     * handlers do not see them, since {@code INBOUND_JMS_*} variables may be set for a whole
     * machine or image. A handler option of the same name wins, as the more specific.
     */
    Map<String, String> addTo(String handler, Map<String, String> options) {
        Map<String, String> given = new LinkedHashMap<>();
        put(given, "url", url);
        put(given, "user", user);
        put(given, "password", password);
        if (!HANDLER.equals(handler)) {
            return options;
        }
        given.putAll(options);
        return given;
    }

    private static void put(Map<String, String> options, String key, String value) {
        if (value != null) {
            options.put(key, value);
        }
    }
}
