package dev.inbound.junit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The lifecycle behind {@link InboundSmtp}: the server lives in the store of the annotated
 * class's context, which closes it (it is {@link AutoCloseable}) when the class is done. A
 * {@code @Nested} class's lookups reach its enclosing class's store, hence the sharing.
 */
final class InboundSmtpExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final Namespace NAMESPACE = Namespace.create(InboundSmtpExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        // Not the enclosing classes' annotation: that one's server is already in a parent store.
        AnnotationSupport.findAnnotation(context.getRequiredTestClass(), InboundSmtp.class).ifPresent(
                options -> context.getStore(NAMESPACE).put(TestMailServer.class, TestMailServer.start(options)));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server(context).clear();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestMailServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    private static TestMailServer server(ExtensionContext context) {
        TestMailServer server = context.getStore(NAMESPACE).get(TestMailServer.class, TestMailServer.class);
        if (server == null) {
            throw new ExtensionConfigurationException("No server: annotate the test class with @InboundSmtp");
        }
        return server;
    }
}
