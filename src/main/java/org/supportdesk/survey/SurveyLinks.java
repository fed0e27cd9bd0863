package org.supportdesk.survey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.supportdesk.mail.MailSettings;
import org.supportdesk.ticket.RatingLinks;
import org.supportdesk.ticket.Ticket;

/**
 * The survey's links: {@code /survey/{token}?rating=good|bad} (the page that sends the rating), the token naming one
 * ticket and one person and signed (HMAC-SHA256) with a key the application made at its first start and keeps in
 * the database, the same for every node. A link cannot be turned into another ticket's or another person's.
 */
@Component
class SurveyLinks implements RatingLinks {

    private static final String KEY_NAME = "survey-links";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final AppSecretRepository secrets;
    private final MailSettings settings;
    private final TransactionTemplate ownTransaction;
    private volatile byte[] key;

    SurveyLinks(AppSecretRepository secrets, MailSettings settings, PlatformTransactionManager transactions) {
        this.secrets = secrets;
        this.settings = settings;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Who a link is for. */
    record Holder(long ticketId, String email) {
    }

    @Override
    public Links of(Ticket ticket, String email) {
        String link = settings.portalUrl() + "/survey/" + token(ticket.id(), email) + "?rating=";
        return new Links(link + "good", link + "bad");
    }

    String token(long ticketId, String email) {
        String holder = ticketId + ":" + email;
        return URL.encodeToString(holder.getBytes(StandardCharsets.UTF_8)) + "." + URL.encodeToString(sign(holder));
    }

    /** The ticket and person of a token, if its signature is right. */
    Optional<Holder> holder(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot < 1 || token.length() > 1000) {
            return Optional.empty();
        }
        try {
            String holder = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            int colon = holder.indexOf(':');
            if (colon < 1 || !MessageDigest.isEqual(signature, sign(holder))) {
                return Optional.empty();
            }
            return Optional.of(new Holder(Long.parseLong(holder.substring(0, colon)), holder.substring(colon + 1)));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private byte[] sign(String holder) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return mac.doFinal(holder.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Made once, by whichever node asks first; the others read it. */
    private byte[] key() {
        byte[] known = key;
        if (known == null) {
            Optional<String> stored = read();
            if (stored.isEmpty()) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                try {
                    // its own transaction: a lost race must not spoil the caller's
                    ownTransaction.executeWithoutResult(status -> secrets.insert(KEY_NAME,
                            HexFormat.of().formatHex(fresh)));
                } catch (DuplicateKeyException anotherNodeWasFirst) {
                    // read below
                }
                stored = ownTransaction.execute(status -> read());
            }
            known = HexFormat.of().parseHex(stored.orElseThrow());
            key = known;
        }
        return known;
    }

    private Optional<String> read() {
        return secrets.find(KEY_NAME);
    }
}
