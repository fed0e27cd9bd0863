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
 * @param protocol                 imaps (TLS) or imap
 * @param host                     the IMAP server of the support mailboxes (required outside the demo)
 * @param port                     its port
 * @param mailboxes                the addresses customers write to, each with its IMAP login; one of them the
 *                                 Extended Support address
 * @param autoRepliesPerSenderPerDay R5: at most this many automatic answers to one address in 24 hours
 * @param authentication           when a sender is who the From header says (docs/security.md)
 */
@ConfigurationProperties("support.mail.inbound")
public record InboundMailProperties(
        @DefaultValue("true") boolean polling,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("imaps") String protocol,
        String host,
        @DefaultValue("993") int port,
        @DefaultValue("1") int autoRepliesPerSenderPerDay,
        List<Mailbox> mailboxes,
        @DefaultValue Authentication authentication) {

    /**
     * A sender is trusted only when the receiving mail server vouches for it in an {@code Authentication-Results}
     * header (RFC 8601) that carries one of {@code authservIds}: DMARC pass, or SPF or DKIM pass for the From
     * domain (SenderAuthentication). Anything else is kept as UNVERIFIED and does nothing until staff accept it.
     *
     * @param required    false only for the demo's embedded server, which adds no such header
     * @param authservIds the names the receiving server signs its results with
     */
    public record Authentication(@DefaultValue("true") boolean required, List<String> authservIds) {
        public Authentication {
            authservIds = authservIds == null ? List.of() : List.copyOf(authservIds);
        }
    }

    /** @param extendedSupport whether mail to this address is an Extended Support request (R21) */
    public record Mailbox(String address, String login, String password, @DefaultValue("false") boolean extendedSupport) {
    }
}
