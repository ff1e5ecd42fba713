package dev.inbound.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code inbound} command's options for the {@code store} handler, handed to it as its
 * options {@code max-messages} and {@code max-size}; a handler option of the same name wins.
 */
final class StoreOptions {
    private static final String HANDLER = "store";

    @Option(names = "--store-max-messages", paramLabel = "COUNT",
            description = "Messages the store keeps for the HTTP API, the oldest evicted first (default 1000).")
    private Integer maxMessages;

    @Option(names = "--store-max-size", paramLabel = "BYTES", converter = ByteSize.class,
            description = "Bytes the store keeps, with K, M or G, the oldest messages evicted first (default 256M).")
    private Long maxSize;

    /** {@code options} for {@code handler}, with these added when it is the store. */
    Map<String, String> addTo(String handler, Map<String, String> options) {
        if (!HANDLER.equals(handler)) {
            return options;
        }
        Map<String, String> given = new LinkedHashMap<>();
        if (maxMessages != null) {
            given.put("max-messages", maxMessages.toString());
        }
        if (maxSize != null) {
            given.put("max-size", maxSize.toString());
        }
        given.putAll(options);
        return given;
    }
}
