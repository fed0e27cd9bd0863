package org.supportdesk.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.supportdesk.engine.AsSystem;

import jakarta.mail.internet.MimeMessage;

/**
 * Sends stored mail in batches over one SMTP connection, as soon as the transaction that stored it has committed.
 * Several nodes may run it: each mail is claimed by one. A mail that cannot be sent is handed to the
 * {@code mail-delivery} process, which retries it on its diagram's cycle and, when the retries run out, shows it
 * as a Cockpit incident whose Retry sends it (Q2).
 */
@Component
public class MailDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    static final String DELIVERY_PROCESS = "mail-delivery";

    private final OutboundMailRepository mails;
    private final MailComposer composer;
    private final JavaMailSender sender;
    private final RuntimeService runtime;
    private final AsSystem asSystem;
    private final MailDispatchProperties properties;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final Object signal = new Object();
    private volatile boolean running;
    private boolean woken;
    private Thread thread;

    MailDispatcher(OutboundMailRepository mails, MailComposer composer, JavaMailSender sender, RuntimeService runtime,
                   AsSystem asSystem, MailDispatchProperties properties, Clock clock,
                   TransactionTemplate transaction) {
        this.mails = mails;
        this.composer = composer;
        this.sender = sender;
        this.runtime = runtime;
        this.asSystem = asSystem;
        this.properties = properties;
        this.clock = clock;
        this.transaction = transaction;
    }

    /** Sends everything that is due, batch by batch; returns how many mails were sent. */
    public synchronized int sendDue() {
        int sent = 0;
        while (true) {
            List<OutboundMail> batch = claim();
            if (batch.isEmpty()) {
                return sent;
            }
            sent += send(batch);
        }
    }

    /** Wakes the background sender once the current transaction has committed (at once without one). */
    void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake();
                }
            });
        } else {
            wake();
        }
    }

    private void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** One transaction for the whole batch: one commit instead of one per mail (that is what costs on PostgreSQL). */
    private List<OutboundMail> claim() {
        return transaction.execute(status -> {
            Instant now = clock.instant();
            Instant stale = now.minus(properties.claimTimeout());
            List<Long> claimed = new ArrayList<>();
            for (long id : mails.due(properties.batchSize(), stale)) {
                if (mails.claim(id, now, stale)) {
                    claimed.add(id);
                }
            }
            return mails.find(claimed);
        });
    }

    private int send(List<OutboundMail> batch) {
        Map<MimeMessage, OutboundMail> messages = new LinkedHashMap<>();
        for (OutboundMail mail : batch) {
            try {
                messages.put(composer.compose(mail), mail);
            } catch (Exception unusable) {
                delegate(mail, unusable);
            }
        }
        Map<Object, Exception> failed = Map.of();
        try {
            sender.send(messages.keySet().toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            failed = e.getFailedMessages().isEmpty() ? everyOne(messages, e) : e.getFailedMessages();
        } catch (RuntimeException e) {
            failed = everyOne(messages, e);
        }
        List<Long> sent = new ArrayList<>();
        for (Map.Entry<MimeMessage, OutboundMail> entry : messages.entrySet()) {
            Exception failure = failed.get(entry.getKey());
            if (failure == null) {
                sent.add(entry.getValue().id());
            } else {
                delegate(entry.getValue(), failure);
            }
        }
        mails.markSent(sent, clock.instant());
        return sent.size();
    }

    private static Map<Object, Exception> everyOne(Map<MimeMessage, OutboundMail> messages, Exception e) {
        Map<Object, Exception> all = new LinkedHashMap<>();
        messages.keySet().forEach(m -> all.put(m, e));
        return all;
    }

    private void delegate(OutboundMail mail, Exception failure) {
        log.warn("Mail {} ({}) could not be sent now, handing it to {}: {}", mail.id(), mail.template(),
                DELIVERY_PROCESS, failure.toString());
        asSystem.run(() -> {
            mails.markDelegated(mail.id(), failure.toString());
            runtime.createProcessInstanceByKey(DELIVERY_PROCESS)
                    .businessKey(mail.ticketId() == null ? null : org.supportdesk.ticket.TicketNumber.of(mail.ticketId()))
                    .setVariable("mailId", mail.id())
                    .setVariable("template", mail.template())
                    .execute();
        });
    }

    private void loop() {
        while (running) {
            try {
                sendDue();
            } catch (RuntimeException e) {
                log.warn("Mail dispatch failed; trying again shortly", e);
            }
            synchronized (signal) {
                if (!woken && running) {
                    try {
                        signal.wait(properties.pollInterval().toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                woken = false;
            }
        }
    }

    @Override
    public void start() {
        if (!properties.background()) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "mail-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        wake();
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
