package org.supportdesk.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param supportAddress         where customers write, and the sender of every customer mail
 * @param extendedSupportAddress the Extended Support channel's address
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

    public record Embedded(@DefaultValue("false") boolean enabled, @DefaultValue("127.0.0.1") String host,
                           @DefaultValue("3025") int smtpPort, @DefaultValue("3143") int imapPort) {
    }
}
