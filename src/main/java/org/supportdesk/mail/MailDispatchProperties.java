package org.supportdesk.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param background   whether a background thread sends (tests send by hand)
 * @param batchSize    mails sent over one SMTP connection
 * @param pollInterval how often the sender looks for mail besides being woken by new mail (other nodes' mail)
 * @param outageRetry  while the SMTP server cannot take mail, how long mail waits before the next try
 */
@ConfigurationProperties("support.mail.dispatch")
public record MailDispatchProperties(
        @DefaultValue("true") boolean background,
        @DefaultValue("50") int batchSize,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("15s") Duration outageRetry) {
}
