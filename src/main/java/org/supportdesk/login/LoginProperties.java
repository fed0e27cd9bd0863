package org.supportdesk.login;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How password guessing is slowed down (docs/security.md). Failures are counted for each account and client address
 * together, for each address across accounts, and for each account across addresses; a count that reaches its limit
 * refuses further attempts for {@code firstLock}, doubling with each further failure up to {@code longestLock}.
 *
 * @param failuresPerAccountAndAddress wrong passwords for one account from one address that lock that pair
 * @param failuresPerAddress           wrong passwords from one address, whatever the account (password spraying)
 * @param failuresPerAccount           wrong passwords for one account from all addresses together; past it only
 *                                     addresses that signed in to the account before may still try
 * @param firstLock                    the first refusal
 * @param longestLock                  the longest refusal
 * @param forgetAfter                  a count with no failure for this long starts again from zero
 * @param rememberAddressesFor         how long an address that signed in successfully stays "known"
 * @param concurrentCheckWait          how long a second check of the same account and address waits for the first
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
        @DefaultValue("5s") Duration concurrentCheckWait) {
}
