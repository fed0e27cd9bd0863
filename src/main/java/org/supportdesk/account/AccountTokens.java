package org.supportdesk.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * One-time links mailed to members (invitations, password resets). The link carries 256 random bits; only their
 * SHA-256 is stored, so a copy of the database opens nothing. A new link of a purpose voids the older ones of that
 * member and purpose; a link works once, until it expires.
 */
@Component
class AccountTokens {

    enum Purpose { INVITATION, PASSWORD_RESET }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountTokenRepository tokens;
    private final Clock clock;

    AccountTokens(AccountTokenRepository tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /** A fresh token for {@code email}; every older unused one of the same purpose stops working. */
    String issue(String email, Purpose purpose, Duration validity) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        voidAll(email, purpose);
        tokens.insert(hash(token), email, purpose.name(), now, now.plus(validity));
        return token;
    }

    /** Whose still valid token this is. */
    Optional<String> holder(String token, Purpose purpose) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return tokens.holder(hash(token), purpose.name(), clock.instant());
    }

    /** Uses the token up; false when it was used meanwhile (two tabs, two nodes). */
    boolean use(String token, Purpose purpose) {
        return tokens.use(hash(token), purpose.name(), clock.instant());
    }

    void voidAll(String email, Purpose purpose) {
        tokens.voidAll(email, purpose.name(), clock.instant());
    }

    /** How many links of a purpose were sent to {@code email} since {@code since}: resets are limited per hour. */
    int issuedSince(String email, Purpose purpose, Instant since) {
        return tokens.issuedSince(email, purpose.name(), since);
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
