package org.supportdesk.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * HTTP Basic sends the password with every request, and checking a bcrypt hash costs tens of milliseconds of CPU
 * on purpose. A login that succeeded is remembered for a few minutes as a keyed SHA-256 (the key is random per
 * process and never leaves memory), so repeated calls of an API client cost microseconds; a wrong or changed
 * password always goes to bcrypt.
 */
class RememberedLogins implements AuthenticationProvider {

    private static final Duration REMEMBER = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 100_000;

    private final AuthenticationProvider delegate;
    private final Clock clock;
    private final byte[] key = new byte[32];
    private final Map<String, Remembered> logins = new ConcurrentHashMap<>();

    RememberedLogins(AuthenticationProvider delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
        new SecureRandom().nextBytes(key);
    }

    private record Remembered(byte[] digest, Authentication authentication, Instant until) {
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = String.valueOf(authentication.getName()).strip().toLowerCase(Locale.ROOT);
        byte[] digest = digest(user, String.valueOf(authentication.getCredentials()));
        Instant now = clock.instant();
        Remembered remembered = logins.get(user);
        if (remembered != null && now.isBefore(remembered.until()) && MessageDigest.isEqual(remembered.digest(), digest)) {
            return remembered.authentication();
        }
        Authentication verified = delegate.authenticate(authentication);
        if (verified != null && verified.isAuthenticated()) {
            if (logins.size() >= MAX_ENTRIES) {
                logins.clear();
            }
            logins.put(user, new Remembered(digest, UsernamePasswordAuthenticationToken.authenticated(
                    verified.getPrincipal(), null, verified.getAuthorities()), now.plus(REMEMBER)));
        }
        return verified;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }

    private byte[] digest(String user, String password) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(key);
            sha256.update(user.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            return sha256.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
