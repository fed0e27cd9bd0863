package org.supportdesk.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts failed password checks in the database, so that every node sees the same counts and a restart forgets
 * nothing; rows nobody failed on for {@code forgetAfter} are deleted, so what an attacker can add is bounded by the
 * limits themselves (docs/security.md). Three counts per attempt: the account together with the client address
 * (the one that normally refuses), the address across accounts (spraying), the account across addresses (a
 * distributed attack; it refuses nobody, it delays attempts from addresses the account has never signed in from).
 *
 * <p>Each count is written in a transaction of its own: a failure is counted even when the caller's work rolls back.
 */
@Component
public class LoginThrottle {

    private static final int MAX_ACCOUNT_LENGTH = 200;

    private final LoginThrottleRepository repository;
    private final TransactionTemplate ownTransaction;
    private final LoginProperties properties;
    private final Clock clock;
    /** Pairs whose success was written lately: a signed-in API client does not write a row on every call. */
    private final Cache<String, Boolean> recentlyKnown = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofHours(1)).build();

    LoginThrottle(LoginThrottleRepository repository, PlatformTransactionManager transactions,
                  LoginProperties properties, Clock clock) {
        this.repository = repository;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Where an account and address stand before a password check: refused for a while (the pair's or the address's
     * count), or else to be checked after {@code delay} ({@link Duration#ZERO} but past the account's count, from an
     * address that never signed in to it), and whether the pair failed before.
     */
    public record Standing(Optional<Duration> refusedFor, Duration delay, boolean earlierFailures) {
    }

    private record Keys(String pair, String address, String account, String accountName, String addressName) {
        static Keys of(Realm realm, String account, String address) {
            String name = accountKey(realm, account);
            String where = ClientAddress.of(address);
            return new Keys("pair:" + name + "|" + where, "address:" + where, "account:" + name, name, where);
        }
    }

    public Standing standing(Realm realm, String account, String address) {
        Keys keys = Keys.of(realm, account, address);
        Instant now = clock.instant();
        Map<String, LoginThrottleRepository.Count> counts =
                repository.counts(keys.pair(), keys.address(), keys.account());
        Duration wait = Duration.ZERO;
        for (String key : List.of(keys.pair(), keys.address())) {
            wait = longer(wait, lockedFor(counts.get(key), now));
        }
        LoginThrottleRepository.Count pair = counts.get(keys.pair());
        boolean earlierFailures = pair != null && pair.failures() > 0;
        if (!wait.isZero()) {
            return new Standing(Optional.of(wait), Duration.ZERO, earlierFailures);
        }
        LoginThrottleRepository.Count acrossAddresses = counts.get(keys.account());
        Duration delay = Duration.ZERO;
        if (acrossAddresses != null && acrossAddresses.failures() >= properties.failuresPerAccount()
                && !acrossAddresses.lastFailure().isBefore(now.minus(properties.forgetAfter()))
                && !knownAddress(keys, now)) {
            delay = delay(acrossAddresses.failures() - properties.failuresPerAccount());
        }
        return new Standing(Optional.empty(), delay, earlierFailures);
    }

    /** A wrong password (or an account that does not exist): counts for the pair, the address and the account. */
    public void failed(Realm realm, String account, String address) {
        Keys keys = Keys.of(realm, account, address);
        Instant now = clock.instant();
        ownTransaction.executeWithoutResult(status -> {
            count(status, keys.pair(), properties.failuresPerAccountAndAddress(), now);
            count(status, keys.address(), properties.failuresPerAddress(), now);
            count(status, keys.account(), Integer.MAX_VALUE, now); // it delays (standing), it never locks
        });
    }

    /**
     * The right password: the pair starts afresh and the address becomes known to the account. The address's and the
     * account's counts stay: one success does not hide guessing at other accounts or from other addresses.
     */
    public void succeeded(Realm realm, String account, String address, boolean earlierFailures) {
        Keys keys = Keys.of(realm, account, address);
        if (!earlierFailures && recentlyKnown.getIfPresent(keys.pair()) != null) {
            return;
        }
        Instant now = clock.instant();
        ownTransaction.executeWithoutResult(status -> {
            if (earlierFailures) {
                repository.deleteFailures(keys.pair());
            }
            int updated = repository.touchKnownAddress(keys.accountName(), keys.addressName(), now);
            if (updated == 0) {
                insertOnce(status, () -> repository.insertKnownAddress(keys.accountName(), keys.addressName(), now),
                        () -> {
                        });
            }
        });
        recentlyKnown.put(keys.pair(), true);
    }

    /** Forgets counts nobody failed on for a while, and addresses not used for long (every node may run it). */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    public void forgetOld() {
        Instant now = clock.instant();
        repository.forgetFailures(now.minus(properties.forgetAfter()), now);
        repository.forgetAddresses(now.minus(properties.rememberAddressesFor()));
    }

    /** 30 s (by default) for the failure that reaches the limit, doubling with each further one, at most 15 minutes. */
    Duration lock(int failuresBeyondLimit) {
        int doublings = Math.min(Math.max(failuresBeyondLimit, 0), 20);
        Duration lock = properties.firstLock().multipliedBy(1L << doublings);
        return lock.compareTo(properties.longestLock()) > 0 ? properties.longestLock() : lock;
    }

    /**
     * 1 s (by default) for the first attempt past the account's limit, doubling with each further failure of the
     * account, at most 30 s.
     */
    Duration delay(int failuresBeyondLimit) {
        int doublings = Math.min(Math.max(failuresBeyondLimit, 0), 20);
        Duration delay = properties.firstDelay().multipliedBy(1L << doublings);
        return delay.compareTo(properties.longestDelay()) > 0 ? properties.longestDelay() : delay;
    }

    /** The account as the gate bounds its waiting attempts: realm and account name, as counted. */
    static String accountKey(Realm realm, String account) {
        return realm.key(normalize(account));
    }

    private void count(TransactionStatus status, String key, int limit, Instant now) {
        Instant forgetBefore = now.minus(properties.forgetAfter());
        java.util.function.IntSupplier increment = () -> repository.addFailure(key, forgetBefore, now);
        if (increment.getAsInt() == 0) {
            insertOnce(status, () -> repository.insertFailure(key, now), increment::getAsInt);
        }
        // the row is locked by this transaction now: the count read is the one just written
        int failures = repository.failures(key);
        if (failures >= limit) {
            repository.lockUntil(key, now.plus(lock(failures - limit)));
        }
    }

    /** Inserts a row; when another node inserted it a moment earlier, runs {@code instead} (a savepoint keeps the transaction usable on PostgreSQL). */
    private static void insertOnce(TransactionStatus status, Runnable insert, Runnable instead) {
        Object savepoint = status.createSavepoint();
        try {
            insert.run();
            status.releaseSavepoint(savepoint);
        } catch (DuplicateKeyException insertedMeanwhile) {
            status.rollbackToSavepoint(savepoint);
            instead.run();
        }
    }

    private boolean knownAddress(Keys keys, Instant now) {
        return repository.knownAddress(keys.accountName(), keys.addressName(),
                now.minus(properties.rememberAddressesFor()));
    }

    private static Duration lockedFor(LoginThrottleRepository.Count count, Instant now) {
        if (count == null || count.lockedUntil() == null || !now.isBefore(count.lockedUntil())) {
            return Duration.ZERO;
        }
        return Duration.between(now, count.lockedUntil());
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Accounts as typed, case and spaces aside; an absurdly long one is kept as its hash, so rows stay small. */
    static String normalize(String account) {
        String normalized = account == null ? "" : account.strip().toLowerCase(Locale.ROOT);
        if (normalized.length() <= MAX_ACCOUNT_LENGTH) {
            return normalized;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalized.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
