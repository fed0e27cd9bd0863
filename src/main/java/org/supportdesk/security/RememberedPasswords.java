package org.supportdesk.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.crypto.password.PasswordEncoder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * HTTP Basic sends the password with every request, and a bcrypt check costs tens of milliseconds of CPU on purpose.
 * A check that succeeded is remembered for a few minutes as an HMAC of the stored hash and the password (the key is
 * random per process and never leaves memory), so an API client's repeated calls cost microseconds. The stored hash
 * is part of the key: once a password is changed or reset, or the member removed, nothing remembered matches any
 * more, on any node, because every request still reads the member's current hash. Wrong passwords are never
 * remembered; the cache holds at most {@code MAX_ENTRIES} entries (least recently used go first).
 *
 * <p>A password bcrypt cannot take (over 72 bytes) or over the policy's 128 characters cannot be right: it is
 * refused without hashing instead of failing with an exception.
 */
class RememberedPasswords implements PasswordEncoder {

    static final Duration REMEMBER = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 10_000;
    private static final int MAX_BYTES = 72;
    private static final int MAX_CHARACTERS = 128;

    private final PasswordEncoder delegate;
    private final byte[] key = new byte[32];
    private final Cache<String, Boolean> verified;

    RememberedPasswords(PasswordEncoder delegate, com.github.benmanes.caffeine.cache.Ticker ticker) {
        this.delegate = delegate;
        new SecureRandom().nextBytes(key);
        this.verified = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(REMEMBER).ticker(ticker)
                .build();
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null || rawPassword.length() > MAX_CHARACTERS
                || rawPassword.toString().getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        String digest = digest(encodedPassword, rawPassword);
        if (verified.getIfPresent(digest) != null) {
            return true;
        }
        boolean matches = delegate.matches(rawPassword, encodedPassword);
        if (matches) {
            verified.put(digest, Boolean.TRUE);
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private String digest(String encoded, CharSequence raw) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            hmac.update(encoded.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            return Base64.getEncoder().encodeToString(hmac.doFinal(raw.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
