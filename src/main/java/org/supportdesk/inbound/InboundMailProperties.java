package org.supportdesk.inbound;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The mailboxes customers write to (R6b). By default the embedded GreenMail server, whose logins and passwords
 * are the addresses themselves; any IMAP server by configuration.
 *
 * @param polling                  whether the scheduler polls (tests poll by hand)
 * @param pollInterval             time between polls
 * @param autoRepliesPerSenderPerDay R5: at most this many automatic answers to one address in 24 hours
 */
@ConfigurationProperties("support.mail.inbound")
public record InboundMailProperties(
        @DefaultValue("true") boolean polling,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("imap") String protocol,
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("3143") int port,
        @DefaultValue("1") int autoRepliesPerSenderPerDay,
        @DefaultValue("10m") Duration claimTimeout,
        List<Mailbox> mailboxes) {

    /** @param extendedSupport whether mail to this address is an Extended Support request (R21) */
    public record Mailbox(String address, String login, String password, @DefaultValue("false") boolean extendedSupport) {
    }
}
