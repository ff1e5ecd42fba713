package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Listener;
import dev.inbound.smtp.ListenerPolicy;
import dev.inbound.smtp.ServerEvents;
import dev.inbound.smtp.ServerSettings;
import java.util.Map;

/**
 * What the conversations on one listener share: the server's settings, the handler, where
 * events go, the listener's protocol, policy and verbs, and the server's AUTH failures per
 * address. Made once per listener, so that a session pays for none of it.
 *
 * <p>Example, as the transport does for each listener it binds:
 * <pre>{@code
 * ListenerContext smtp = new ListenerContext(settings, handler, events, listener, new AuthFailureTracker());
 * Conversation conversation = new Conversation(smtp, channel, "S1", peer, local);
 * }</pre>
 */
public final class ListenerContext {
    private final ServerSettings settings;
    private final Handler handler;
    private final ServerEvents events;
    private final Listener listener;
    private final AuthFailureTracker authFailures;
    private final Map<String, Command> commands;

    /** The context of {@code listener}; {@code authFailures} is shared by all the server's listeners. */
    public ListenerContext(ServerSettings settings, Handler handler, ServerEvents events, Listener listener,
            AuthFailureTracker authFailures) {
        this.settings = settings;
        this.handler = handler;
        this.events = events;
        this.listener = listener;
        this.authFailures = authFailures;
        this.commands = CommandTable.of(lmtp());
    }

    /** What the listener speaks: LMTP, or SMTP for SMTP and SMTPS listeners. */
    public Listener.Kind kind() {
        return listener.kind();
    }

    boolean lmtp() {
        return listener.kind() == Listener.Kind.LMTP;
    }

    /** The policy of the listener the client connected to. */
    ListenerPolicy policy() {
        return listener.policy();
    }

    ServerSettings settings() {
        return settings;
    }

    Handler handler() {
        return handler;
    }

    ServerEvents events() {
        return events;
    }

    AuthFailureTracker authFailures() {
        return authFailures;
    }

    /** The verbs of the listener's protocol, by name. */
    Map<String, Command> commands() {
        return commands;
    }
}
