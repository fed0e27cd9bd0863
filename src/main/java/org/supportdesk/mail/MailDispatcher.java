package org.supportdesk.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.supportdesk.cluster.ClusterNode;
import org.supportdesk.engine.AsSystem;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.supportdesk.processes.MailDeliveryDiagram;

/**
 * Sends stored mail over one SMTP connection per batch, as soon as the transaction that stored it has committed.
 * Every node may run it: a batch is claimed by one node (its id in {@code claimed_by}); a batch whose node stopped
 * beating is taken over by another within {@code support.cluster.dead-after}.
 *
 * <p>Each mail is marked sent the moment the SMTP server accepted it, so a crash sends at most the one mail in flight
 * twice, with the same Message-ID (mail clients drop the copy). While the server cannot be reached (or refuses the
 * login, or answers "try later"), mail simply waits and is tried again every {@code outage-retry}: nothing fails for
 * the customer, and every mail goes out once when the server is back. A mail the server refuses for good (an address
 * it rejects, a message it will not take) is handed to the {@code mail-delivery} process, which retries it on its
 * diagram's cycle and, when the retries run out, shows it as a Cockpit incident whose Retry sends it (Q2).
 */
@Component
public class MailDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    static final String DELIVERY_PROCESS = MailDeliveryDiagram.PROCESS_KEY;

    private final OutboundMailRepository mails;
    private final MailComposer composer;
    private final SmtpConnections smtp;
    private final RuntimeService runtime;
    private final AsSystem asSystem;
    private final MailDispatchProperties properties;
    private final ClusterNode node;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final Object signal = new Object();
    private volatile boolean running;
    private boolean woken;
    private Thread thread;

    MailDispatcher(OutboundMailRepository mails, MailComposer composer, SmtpConnections smtp, RuntimeService runtime,
                   AsSystem asSystem, MailDispatchProperties properties, ClusterNode node, Clock clock,
                   TransactionTemplate transaction) {
        this.mails = mails;
        this.composer = composer;
        this.smtp = smtp;
        this.runtime = runtime;
        this.asSystem = asSystem;
        this.properties = properties;
        this.node = node;
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
            Round round = send(batch);
            sent += round.sent();
            if (round.serverUnavailable()) {
                return sent;
            }
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

    /** One transaction for the whole claim: one commit instead of one per mail (that is what costs on PostgreSQL). */
    private List<OutboundMail> claim() {
        return transaction.execute(status -> {
            Instant now = clock.instant();
            Instant aliveSince = node.aliveSince();
            List<Long> claimed = new ArrayList<>();
            for (long id : mails.due(properties.batchSize(), now, aliveSince)) {
                if (mails.claim(id, node.id(), now, aliveSince)) {
                    claimed.add(id);
                }
            }
            return mails.find(claimed);
        });
    }

    private record Round(int sent, boolean serverUnavailable) {
    }

    private Round send(List<OutboundMail> batch) {
        int sent = 0;
        try (SmtpConnections.Connection connection = smtp.open()) {
            for (int i = 0; i < batch.size(); i++) {
                OutboundMail mail = batch.get(i);
                MimeMessage message;
                try {
                    message = composer.compose(mail);
                } catch (Exception unusable) {
                    delegate(mail, unusable);
                    continue;
                }
                try {
                    connection.send(message);
                } catch (SmtpConnections.Unavailable unavailable) {
                    waitForServer(batch.subList(i, batch.size()), unavailable);
                    return new Round(sent, true);
                } catch (MessagingException refused) {
                    delegate(mail, refused);
                    continue;
                }
                // at once: a crash after this line sends nothing twice
                mails.markSent(mail.id(), clock.instant());
                sent++;
            }
        }
        return new Round(sent, false);
    }

    /** The server cannot take mail now: these wait, and are tried again after {@code outage-retry}. */
    private void waitForServer(List<OutboundMail> waiting, SmtpConnections.Unavailable why) {
        Instant retryAt = clock.instant().plus(properties.outageRetry());
        mails.release(waiting.stream().map(OutboundMail::id).toList(), node.id(), retryAt, why.getMessage());
        log.warn("The SMTP server cannot take mail now ({}); {} mail(s) wait and are tried again at {}",
                why.getMessage(), waiting.size(), retryAt);
    }

    private void delegate(OutboundMail mail, Exception failure) {
        log.warn("Mail {} ({}) could not be sent now, handing it to {}: {}", mail.id(), mail.template(),
                DELIVERY_PROCESS, failure.toString());
        asSystem.run(() -> {
            mails.markDelegated(mail.id(), failure.toString());
            runtime.createProcessInstanceByKey(DELIVERY_PROCESS)
                    .businessKey(mail.businessKey())
                    .setVariable(MailDeliveryVariables.MAIL_ID, mail.id())
                    .setVariable(MailDeliveryVariables.TEMPLATE, mail.template())
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
