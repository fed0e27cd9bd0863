package org.supportdesk.login;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How password guessing is slowed down (docs/security.md). Failures are counted for each account and client address
 * together, for each address across accounts, and for each account across addresses. The first two refuse: a count
 * that reaches its limit refuses further attempts for {@code firstLock}, doubling with each further failure up to
 * {@code longestLock}. The third slows down instead: past it, an attempt from an address that never signed in to the
 * account waits {@code firstDelay}, doubling with each further failure of the account up to {@code longestDelay},
 * and then has its password checked as usual, so that guessing stays slow and the real person still gets in.
 *
 * @param failuresPerAccountAndAddress wrong passwords for one account from one address that lock that pair
 * @param failuresPerAddress           wrong passwords from one address, whatever the account (password spraying)
 * @param failuresPerAccount           wrong passwords for one account from all addresses together; past it, attempts
 *                                     from addresses that never signed in to the account are delayed
 * @param firstLock                    the first refusal
 * @param longestLock                  the longest refusal
 * @param forgetAfter                  a count with no failure for this long starts again from zero
 * @param rememberAddressesFor         how long an address that signed in successfully stays "known"
 * @param concurrentCheckWait          how long a second check of the same account and address waits for the first
 * @param firstDelay                   the wait of the first attempt past {@code failuresPerAccount}
 * @param longestDelay                 the longest wait of one attempt past {@code failuresPerAccount}
 * @param delayedPerAccount            attempts of one account that may wait at once on a node (each holds a request
 *                                     thread); beyond, 429 with Retry-After
 * @param delayedInTotal               attempts of all accounts together that may wait at once on a node; beyond, 429
 *                                     with Retry-After
 */
@ConfigurationProperties("support.login")
public record LoginProperties(
        @DefaultValue("5") int failuresPerAccountAndAddress,
        @DefaultValue("50") int failuresPerAddress,
        @DefaultValue("100") int failuresPerAccount,
        @DefaultValue("30s") Duration firstLock,
        @DefaultValue("15m") Duration longestLock,
        @DefaultValue("1h") Duration forgetAfter,
        @DefaultValue("90d") Duration rememberAddressesFor,
        @DefaultValue("5s") Duration concurrentCheckWait,
        @DefaultValue("1s") Duration firstDelay,
        @DefaultValue("30s") Duration longestDelay,
        @DefaultValue("10") int delayedPerAccount,
        @DefaultValue("50") int delayedInTotal) {
}
