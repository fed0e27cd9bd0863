package org.supportdesk.portal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Slows down password guessing on the portal's sign-in form. Each account and each client address has a count of
 * failed sign-ins; the fifth failure in a row locks the account for 30 s, and each further failure doubles the lock
 * (1 min, 2 min, … at most 15 min); an address is locked the same way after 50 failures. While locked, attempts are
 * refused without looking at the password, so guessing gets nowhere. A successful sign-in clears the account's
 * count; a count with no failure for an hour is forgotten.
 *
 * <p>Counts live in memory, per node: good enough to slow an attacker down, and nothing to clean up.
 */
@Component
public class LoginThrottle {

    /** Failed sign-ins of one account that lock it (the fifth failure locks it for 30 s). */
    static final int ACCOUNT_FAILURES_TO_LOCK = 5;
    /** Failed sign-ins from one address (many accounts, or many people behind one NAT) that lock it. */
    static final int ADDRESS_FAILURES_TO_LOCK = 50;
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration LONGEST_LOCK = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    private static final int MAX_ENTRIES = 100_000;

    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    private record Failures(int count, Instant last, Instant lockedUntil) {
    }

    /** How long the caller must still wait before this account may try again from this address; empty if not locked. */
    public Optional<Duration> lockedFor(String account, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (String key : keys(account, address)) {
            Failures f = failures.get(key);
            if (f != null && f.lockedUntil() != null && now.isBefore(f.lockedUntil())) {
                Duration left = Duration.between(now, f.lockedUntil());
                wait = left.compareTo(wait) > 0 ? left : wait;
            }
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /** Counts a wrong password (or an unknown account) for both the account and the address. */
    public void failed(String account, String address) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_ENTRIES) {
            forgetOld(now);
        }
        count("account:" + normalize(account), ACCOUNT_FAILURES_TO_LOCK, now);
        if (address != null) {
            count("address:" + address, ADDRESS_FAILURES_TO_LOCK, now);
        }
    }

    /** The right password: the account starts afresh. The address's count stays (one success hides no guessing). */
    public void succeeded(String account) {
        failures.remove("account:" + normalize(account));
    }

    private void count(String key, int toLock, Instant now) {
        failures.compute(key, (k, f) -> {
            int count = f == null || Duration.between(f.last(), now).compareTo(FORGET_AFTER) > 0 ? 1 : f.count() + 1;
            Instant lockedUntil = count < toLock ? null : now.plus(lock(count - toLock));
            return new Failures(count, now, lockedUntil);
        });
    }

    /** 30 s for the failure that locks, doubling with each further one, at most 15 minutes. */
    static Duration lock(int failuresBeyondLock) {
        int doublings = Math.min(failuresBeyondLock, 10);
        Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
        return lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock;
    }

    private void forgetOld(Instant now) {
        failures.values().removeIf(f -> Duration.between(f.last(), now).compareTo(FORGET_AFTER) > 0);
        if (failures.size() >= MAX_ENTRIES) {
            failures.clear();
        }
    }

    private static Iterable<String> keys(String account, String address) {
        String accountKey = "account:" + normalize(account);
        return address == null ? List.of(accountKey) : List.of(accountKey, "address:" + address);
    }

    private static String normalize(String account) {
        return account == null ? "" : account.strip().toLowerCase(Locale.ROOT);
    }
}
