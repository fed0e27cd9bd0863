package org.supportdesk.settings;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.supportdesk.inbound.InboundMailProperties;

/**
 * What an operator must provide before the desk may start (README "Run in production"). The demo profile provides
 * every one of them; production provides none, so a forgotten setting stops the start at once, with one message
 * that names every missing setting, instead of a desk that runs half-configured.
 */
public final class RequiredSettings {

    /** A setting that is missing or unusable: the environment variable to set, the property it feeds, and why. */
    public record Problem(String variable, String property, String what) {
        @Override
        public String toString() {
            return (variable == null ? property : variable + " (" + property + ")") + ": " + what;
        }
    }

    private RequiredSettings() {
    }

    public static List<Problem> check(Environment environment) {
        Binder binder = Binder.get(environment);
        List<Problem> problems = new ArrayList<>();
        require(environment, problems, "SPRING_DATASOURCE_URL", "spring.datasource.url", "the JDBC URL of the database");
        require(environment, problems, "SUPPORT_ADMIN_PASSWORD", "support.admin.password",
                "the password of the first administrator (" + environment.getProperty("support.admin.id",
                        "admin") + ", SUPPORT_ADMIN_USER)");
        String admin = environment.getProperty("support.admin.password", "");
        if (!admin.isBlank() && environment.getProperty("support.staff.password-policy", Boolean.class, true)
                && (admin.codePointCount(0, admin.length()) < 12 || admin.codePointCount(0, admin.length()) > 128)) {
            problems.add(new Problem("SUPPORT_ADMIN_PASSWORD", "support.admin.password",
                    "must have 12 to 128 characters, like every staff password"));
        }
        String portal = environment.getProperty("support.mail.portal-url", "");
        if (portal.isBlank()) {
            problems.add(new Problem("SUPPORT_PORTAL_URL", "support.mail.portal-url",
                    "the address customers and staff reach the desk at, such as https://support.example.com"));
        } else if (!isWebAddress(portal)) {
            problems.add(new Problem("SUPPORT_PORTAL_URL", "support.mail.portal-url",
                    "must be an http or https address such as https://support.example.com, not " + portal));
        }
        require(environment, problems, "SUPPORT_ATTACHMENTS_DIRECTORY", "support.attachments.directory",
                "the directory for customers' files, shared by every node");
        boolean embedded = environment.getProperty("support.mail.embedded.enabled", Boolean.class, false);
        if (!embedded) {
            require(environment, problems, "SPRING_MAIL_HOST", "spring.mail.host", "the outgoing (SMTP) mail server");
            require(environment, problems, "SPRING_MAIL_USERNAME", "spring.mail.username", "the SMTP login");
            require(environment, problems, "SPRING_MAIL_PASSWORD", "spring.mail.password", "the SMTP password");
            require(environment, problems, "SUPPORT_MAIL_INBOUND_HOST", "support.mail.inbound.host",
                    "the IMAP server of the support mailboxes");
            List<InboundMailProperties.Mailbox> mailboxes = binder.bind("support.mail.inbound.mailboxes",
                    Bindable.listOf(InboundMailProperties.Mailbox.class)).orElse(List.of());
            for (int i = 0; i < mailboxes.size(); i++) {
                InboundMailProperties.Mailbox mailbox = mailboxes.get(i);
                String prefix = mailbox.extendedSupport() ? "SUPPORT_MAIL_EXTENDED_SUPPORT_" : "SUPPORT_MAIL_SUPPORT_";
                String key = "support.mail.inbound.mailboxes[" + i + "].";
                if (blank(mailbox.login())) {
                    problems.add(new Problem(i < 2 ? prefix + "LOGIN" : null, key + "login",
                            "the IMAP login of " + mailbox.address()));
                }
                if (blank(mailbox.password())) {
                    problems.add(new Problem(i < 2 ? prefix + "PASSWORD" : null, key + "password",
                            "the IMAP password of " + mailbox.address()));
                }
            }
        }
        boolean authenticated = environment.getProperty("support.mail.inbound.authentication.required",
                Boolean.class, true);
        List<String> authservIds = binder.bind("support.mail.inbound.authentication.authserv-ids",
                Bindable.listOf(String.class)).orElse(List.of());
        if (authenticated && authservIds.stream().allMatch(String::isBlank)) {
            problems.add(new Problem("SUPPORT_MAIL_AUTHSERV_IDS", "support.mail.inbound.authentication.authserv-ids",
                    "the authserv-id your receiving mail server writes in Authentication-Results headers (RFC 8601),"
                            + " such as mx.support.example: mail is trusted only when that server vouches for its"
                            + " sender"));
        }
        return problems;
    }

    private static void require(Environment environment, List<Problem> problems, String variable, String property,
                                String what) {
        if (environment.getProperty(property, "").isBlank()) {
            problems.add(new Problem(variable, property, what));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static boolean isWebAddress(String value) {
        try {
            URI uri = URI.create(value.strip());
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
