package org.supportdesk.mail;

import java.util.List;
import java.util.Map;

import org.mockito.Mockito;
import org.mockito.invocation.Invocation;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The application's own mail-writing services, wired with the application's beans, except that their mail queue
 * records what it is asked to send (template and model) instead of rendering and storing it: a test can render the
 * real model more strictly than the application does.
 */
public final class QueuedMails implements AutoCloseable {

    /** One mail a service asked for: the template's name and the model it offered the template. */
    public record Queued(String template, Map<String, ?> model) {
    }

    private final MailQueue queue = Mockito.mock(MailQueue.class);
    private final GenericApplicationContext wiring;

    public QueuedMails(ApplicationContext application) {
        this(application, new Object[0]);
    }

    /**
     * As {@link #QueuedMails(ApplicationContext)}, with each of {@code replacements} in place of the application's
     * bean of its type: the same services under other settings (e.g. other business hours).
     */
    @SuppressWarnings("unchecked")
    public QueuedMails(ApplicationContext application, Object... replacements) {
        wiring = new GenericApplicationContext(application);
        wiring.registerBean("mailQueue", MailQueue.class, () -> queue, definition -> definition.setPrimary(true));
        for (Object replacement : replacements) {
            wiring.registerBean((Class<Object>) replacement.getClass(), () -> replacement,
                    definition -> definition.setPrimary(true));
        }
        wiring.refresh();
    }

    /** A new instance of {@code type}, built through its constructor from the application's beans and this queue. */
    public <T> T create(Class<T> type) {
        return type.cast(wiring.getAutowireCapableBeanFactory()
                .autowire(type, AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR, false));
    }

    /** One of the application's beans, as {@link #create} would inject it. */
    public <T> T bean(Class<T> type) {
        return wiring.getBean(type);
    }

    /** The mails asked for since the last call, oldest first. */
    public List<Queued> take() {
        List<Queued> queued = Mockito.mockingDetails(queue).getInvocations().stream().map(QueuedMails::queued).toList();
        Mockito.clearInvocations(queue);
        return queued;
    }

    /** Whatever the queue's signature: the model is the map argument, the template the text just before it. */
    private static Queued queued(Invocation invocation) {
        Object[] arguments = invocation.getArguments();
        for (int i = 1; i < arguments.length; i++) {
            if (arguments[i] instanceof Map<?, ?> model && arguments[i - 1] instanceof String template) {
                @SuppressWarnings("unchecked")
                Map<String, ?> typed = (Map<String, ?>) model;
                return new Queued(template, typed);
            }
        }
        throw new IllegalStateException("No template and model in " + invocation);
    }

    @Override
    public void close() {
        wiring.close();
    }
}
