package dev.inbound.smtp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Ways to put handlers together.
 *
 * <pre>{@code
 * Handler both = Handlers.all(new MaildirHandler(dir), auditLog);
 * }</pre>
 */
public final class Handlers {
    private Handlers() {
    }

    /**
     * A handler that asks each of {@code handlers} in turn. The first reply that is not
     * positive is the answer and later handlers are not asked; otherwise the answer is the
     * last positive reply given, or {@code null}.
     *
     * <p>{@link Handler#deliver} goes the same way for each recipient: a recipient that one
     * handler refuses has that refusal as its reply, and later handlers see an envelope
     * without it; once every recipient is refused, no handler is asked further.
     *
     * <p>The chain is {@linkplain Handler#nonBlocking non-blocking} only if each of them is.
     */
    public static Handler all(Handler... handlers) {
        List<Handler> chain = List.of(handlers);
        return new Handler() {
            private Reply ask(Hook hook) throws Exception {
                Reply answer = null;
                for (Handler handler : chain) {
                    Reply reply = hook.call(handler);
                    if (reply != null) {
                        if (!reply.isPositive()) {
                            return reply;
                        }
                        answer = reply;
                    }
                }
                return answer;
            }

            @Override
            public Reply onConnect(Session session) throws Exception {
                return ask(h -> h.onConnect(session));
            }

            @Override
            public Reply onProxy(Session session, ProxyInfo proxy) throws Exception {
                return ask(h -> h.onProxy(session, proxy));
            }

            @Override
            public Reply onHelo(Session session, String hostname) throws Exception {
                return ask(h -> h.onHelo(session, hostname));
            }

            @Override
            public Reply onEhlo(Session session, String hostname) throws Exception {
                return ask(h -> h.onEhlo(session, hostname));
            }

            @Override
            public Reply onAuth(Session session, String mechanism, String identity) throws Exception {
                return ask(h -> h.onAuth(session, mechanism, identity));
            }

            @Override
            public Reply onMail(Session session, Envelope envelope, String address, List<String> options)
                    throws Exception {
                return ask(h -> h.onMail(session, envelope, address, options));
            }

            @Override
            public Reply onRcpt(Session session, Envelope envelope, String address, List<String> options)
                    throws Exception {
                return ask(h -> h.onRcpt(session, envelope, address, options));
            }

            @Override
            public Reply onData(Session session, Envelope envelope) throws Exception {
                return ask(h -> h.onData(session, envelope));
            }

            @Override
            public List<Reply> deliver(Session session, Envelope envelope) throws Exception {
                Reply[] answers = new Reply[envelope.rcptTos().size()];
                List<Integer> open = new ArrayList<>();
                for (int i = 0; i < answers.length; i++) {
                    open.add(i);
                }
                for (Handler handler : chain) {
                    if (open.isEmpty()) {
                        break;
                    }
                    Envelope view = open.size() == answers.length ? envelope : new RecipientSubset(envelope, open);
                    List<Reply> replies = handler.deliver(session, view);
                    if (replies == null) {
                        continue;
                    }
                    if (replies.size() != open.size()) {
                        throw new IllegalStateException(handler + " gave " + replies.size() + " replies for "
                                + open.size() + " recipients");
                    }
                    List<Integer> stillOpen = new ArrayList<>();
                    for (int i = 0; i < replies.size(); i++) {
                        Reply reply = replies.get(i);
                        if (reply != null) {
                            answers[open.get(i)] = reply;
                        }
                        if (reply == null || reply.isPositive()) {
                            stillOpen.add(open.get(i));
                        }
                    }
                    open = stillOpen;
                }
                return Arrays.asList(answers);
            }

            @Override
            public boolean nonBlocking() {
                return chain.stream().allMatch(Handler::nonBlocking);
            }

            /** Every handler is asked, so that the answer names every reason at once. */
            @Override
            public Optional<String> notReady() {
                String reasons = chain.stream().map(Handler::notReady).flatMap(Optional::stream)
                        .collect(Collectors.joining("; "));
                return reasons.isEmpty() ? Optional.empty() : Optional.of(reasons);
            }

            @Override
            public Reply onRset(Session session) throws Exception {
                return ask(h -> h.onRset(session));
            }

            @Override
            public Reply onNoop(Session session, String argument) throws Exception {
                return ask(h -> h.onNoop(session, argument));
            }

            @Override
            public Reply onVrfy(Session session, String address) throws Exception {
                return ask(h -> h.onVrfy(session, address));
            }

            @Override
            public Reply onQuit(Session session) throws Exception {
                return ask(h -> h.onQuit(session));
            }

            @Override
            public void onDisconnect(Session session) throws Exception {
                for (Handler handler : chain) {
                    handler.onDisconnect(session);
                }
            }

            @Override
            public Reply onException(Session session, Exception error) {
                for (Handler handler : chain) {
                    Reply reply = handler.onException(session, error);
                    if (reply != null) {
                        return reply;
                    }
                }
                return null;
            }
        };
    }

    private interface Hook {
        Reply call(Handler handler) throws Exception;
    }
}
