package dev.inbound.jms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Routing by recipient domain compares domains as accept-domains does: case and IDN form aside. */
class DomainRoutesTest {
    private final DestinationName books = DestinationName.queue("mail.books");

    @Test
    void routesAnInternationalDomainInEveryForm() {
        DomainRoutes routes = DomainRoutes.routedOnly().with("Bücher.example", books);

        assertThat(routes.destinationOf("a@bücher.example")).contains(books);
        assertThat(routes.destinationOf("a@BÜCHER.EXAMPLE")).contains(books);
        assertThat(routes.destinationOf("a@xn--bcher-kva.example")).contains(books);
        assertThat(routes.destinationOf("a@bucher.example")).isEmpty();
    }
}
