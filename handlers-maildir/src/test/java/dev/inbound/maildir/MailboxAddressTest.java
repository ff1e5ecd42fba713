package dev.inbound.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailboxAddressTest {
    @Test
    void foldsCaseAndSplitsThePlusExtension() {
        MailboxAddress a = MailboxAddress.parse("Alice+Lists@Example.COM", "+").orElseThrow();
        assertThat(a.localSegment()).isEqualTo("alice");
        assertThat(a.domainSegment()).isEqualTo("example.com");
        assertThat(a.folder()).contains("lists");
        assertThat(a.withExtension("+")).isEqualTo("alice+lists@example.com");
        assertThat(a.withoutExtension()).isEqualTo("alice@example.com");
        assertThat(a.original()).isEqualTo("Alice+Lists@Example.COM");
    }

    @Test
    void encodesEveryByteThatCouldLeaveTheDirectoryOneToOne() {
        assertThat(MailboxAddress.segment("..")).isEqualTo("=2E.");
        assertThat(MailboxAddress.segment(".x")).isEqualTo("=2Ex");
        assertThat(MailboxAddress.segment("a/b\\c")).isEqualTo("a=2Fb=5Cc");
        assertThat(MailboxAddress.segment("a=2F")).isEqualTo("a=3D2F");
        assertThat(MailboxAddress.segment("jörg")).isEqualTo("j=C3=B6rg");
        assertThat(MailboxAddress.segment("a b*c")).isEqualTo("a=20b=2Ac");
    }

    @Test
    void refusesControlCharactersAndEmptyParts() {
        assertThat(MailboxAddress.parse("a\u0000b@example.com", "+")).isEmpty();
        assertThat(MailboxAddress.parse("a\tb@example.com", "+")).isEmpty();
        assertThat(MailboxAddress.parse("@example.com", "+")).isEmpty();
        assertThat(MailboxAddress.parse("a@", "+")).isEmpty();
        assertThat(MailboxAddress.parse("nobody", "+")).isEmpty();
    }

    @Test
    void barePostmasterIsPostmasterAtLocalhost() {
        assertThat(MailboxAddress.parse("Postmaster", "+").orElseThrow().withoutExtension())
                .isEqualTo("postmaster@localhost");
    }

    @Test
    void onlyASimpleExtensionSelectsAFolder() {
        assertThat(MailboxAddress.parse("a+@x", "+").orElseThrow().folder()).isEmpty();
        assertThat(MailboxAddress.parse("a+b.c@x", "+").orElseThrow().folder()).isEmpty();
        assertThat(MailboxAddress.parse("a+../x@x", "+").orElseThrow().folder()).isEmpty();
        assertThat(MailboxAddress.parse("a+b@x", "").orElseThrow().folder()).isEmpty();
        assertThat(MailboxAddress.parse("a+b@x", "").orElseThrow().localSegment()).isEqualTo("a+b");
        // As in Postfix, a local part that starts with the delimiter is not split: "+x" is the user.
        assertThat(MailboxAddress.parse("+x@x", "+").orElseThrow().localSegment()).isEqualTo("+x");
    }
}
