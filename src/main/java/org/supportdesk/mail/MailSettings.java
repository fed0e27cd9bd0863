package org.supportdesk.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param supportAddress         where customers write, and the sender of every customer mail
 * @param extendedSupportAddress the Extended Support channel's address
 * @param senderName             the name customer mail comes from ("Support Desk" &lt;support@…&gt;)
 * @param portalUrl              where customers and staff reach this application; links in mails start with it
 * @param embedded               the GreenMail server of the default set-up; off when real servers are configured
 */
@ConfigurationProperties("support.mail")
public record MailSettings(
        @DefaultValue("support@support.example") String supportAddress,
        @DefaultValue("extended-support@support.example") String extendedSupportAddress,
        @DefaultValue("Support Desk") String senderName,
        String portalUrl,
        @DefaultValue Embedded embedded) {

    /**
     * @param enabled  whether the application runs the GreenMail server itself (the demo; never in production)
     * @param host     the address it listens on
     * @param smtpPort its SMTP port (mail in and out)
     * @param imapPort its IMAP port (the support mailboxes)
     */
    public record Embedded(@DefaultValue("false") boolean enabled, @DefaultValue("127.0.0.1") String host,
                           @DefaultValue("3025") int smtpPort, @DefaultValue("3143") int imapPort) {
    }
}
