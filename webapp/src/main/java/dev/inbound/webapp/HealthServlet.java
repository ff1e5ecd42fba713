package dev.inbound.webapp;

import dev.inbound.smtp.config.ConfiguredServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code GET /health}: {@code 200 OK} while the SMTP listener takes connections, greets and
 * answers EHLO, and the handler is ready ({@link dev.inbound.smtp.Handler#notReady}: its broker
 * or disk reachable); {@code 503} otherwise (not started, stopping, not answering within two
 * seconds, or the handler's reason), with one line of text saying which.
 *
 * <pre>{@code
 * $ curl -i http://localhost:8080/inbound/health
 * HTTP/1.1 200
 * ...
 * OK: Inbound listening on 127.0.0.1:2525
 * }</pre>
 */
public final class HealthServlet extends HttpServlet {
    private static final GreetingProbe PROBE = new GreetingProbe(Duration.ofSeconds(2));

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        Optional<String> problem;
        String where = "";
        if (getServletContext().getAttribute(InboundListener.SERVER_ATTRIBUTE) instanceof ConfiguredServer inbound) {
            problem = PROBE.problem(inbound.server()).or(inbound.server()::notReady);
            where = inbound.listening();
        } else {
            problem = Optional.of("Inbound is not running");
        }
        if (problem.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.getWriter().println("OK: Inbound listening " + where);
        } else {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.getWriter().println("UNAVAILABLE: " + problem.get());
        }
    }
}
