package dev.inbound.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks a server's {@code /readyz} with the JDK's HTTP client: ready on 200 only.
 *
 * <pre>{@code
 * ReadinessCheck.problem(URI.create("http://127.0.0.1:8080/readyz"), Duration.ofSeconds(5))
 *         .ifPresent(reason -> System.err.println("unhealthy: " + reason));
 * }</pre>
 */
final class ReadinessCheck {
    private ReadinessCheck() {
    }

    /** Empty when {@code readyz} answers 200 within {@code timeout}; else what went wrong. */
    static Optional<String> problem(URI readyz, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpRequest request = HttpRequest.newBuilder(readyz).timeout(timeout).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.empty()
                    : Optional.of(response.statusCode() + " " + response.body().strip());
        } catch (IOException e) {
            return Optional.of("no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }
}
