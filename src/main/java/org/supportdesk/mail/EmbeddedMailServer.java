package org.supportdesk.mail;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP and IMAP server inside the application, so that a fresh checkout sends and receives mail with
 * nothing installed. Every address gets a mailbox on first delivery; its IMAP login and password are the
 * address itself.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "support.mail.embedded.enabled", havingValue = "true")
class EmbeddedMailServer {

    @Bean(destroyMethod = "stop")
    GreenMail greenMail(MailSettings settings) {
        MailSettings.Embedded embedded = settings.embedded();
        GreenMail greenMail = new GreenMail(new ServerSetup[]{
                new ServerSetup(embedded.smtpPort(), embedded.host(), ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(embedded.imapPort(), embedded.host(), ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        for (String address : new String[]{settings.supportAddress(), settings.extendedSupportAddress()}) {
            greenMail.setUser(address, address, address);
        }
        return greenMail;
    }
}
