package dev.inbound.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inbound.smtp.spi.HandlerFactory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaildirHandlerFactoryTest {
    @TempDir
    Path root;

    @Test
    void isFoundByNameOnTheClassPath() {
        assertThat(HandlerFactory.named("maildir")).isInstanceOf(MaildirHandlerFactory.class);
    }

    @Test
    void createsAHandlerFromEveryOption() {
        assertThat(HandlerFactory.named("maildir").create(Map.ofEntries(Map.entry("root", root.toString()),
                Map.entry("mode", "per-recipient"), Map.entry("template", "{domain}/{local}/Maildir"),
                Map.entry("recipient-delimiter", "none"), Map.entry("fsync", "batched"),
                Map.entry("line-endings", "crlf"), Map.entry("quota", "50M"), Map.entry("quota-full", "permanent"),
                Map.entry("min-free", "1G"), Map.entry("delivered-to", "single"), Map.entry("hostname", "mx1"),
                Map.entry("dir-mode", "0750"), Map.entry("file-mode", "0640"))))
                .isInstanceOf(MaildirHandler.class);
    }

    @Test
    void refusesUnknownOptionsAndBadValuesByName() {
        HandlerFactory factory = HandlerFactory.named("maildir");
        assertThatThrownBy(() -> factory.create(Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("root");
        assertThatThrownBy(() -> factory.create(Map.of("root", root.toString(), "fsynk", "never")))
                .hasMessageContaining("fsynk");
        assertThatThrownBy(() -> factory.create(Map.of("root", root.toString(), "fsync", "sometimes")))
                .hasMessageContaining("fsync must be always, batched or never");
        assertThatThrownBy(() -> factory.create(Map.of("root", root.toString(), "quota", "lots")))
                .hasMessageContaining("quota");
        assertThatThrownBy(() -> factory.create(Map.of("root", root.toString(), "mode", "map")))
                .hasMessageContaining("mode=map needs option map");
        assertThatThrownBy(() -> factory.create(Map.of("root", root.toString(), "mode", "per-recipient",
                "template", "../{local}"))).hasMessageContaining("..");
    }
}
