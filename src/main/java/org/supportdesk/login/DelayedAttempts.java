package org.supportdesk.login;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Attempts that wait before their password check (past an account's limit, from an address that never signed in to
 * it). A waiting attempt holds a request thread, so at most {@code delayedPerAccount} attempts of one account and
 * {@code delayedInTotal} of all accounts wait at once on a node; beyond, the attempt is refused at once with the delay
 * as Retry-After, its password unchecked. The map holds only accounts with a waiting attempt: at most
 * {@code delayedInTotal} entries.
 */
final class DelayedAttempts {

    private final Sleeper sleeper;
    private final int perAccount;
    private final Semaphore total;
    private final ConcurrentHashMap<String, Integer> waiting = new ConcurrentHashMap<>();

    DelayedAttempts(Sleeper sleeper, LoginProperties properties) {
        this.sleeper = sleeper;
        this.perAccount = properties.delayedPerAccount();
        this.total = new Semaphore(properties.delayedInTotal());
    }

    /**
     * Waits {@code delay} when there is room to wait.
     *
     * @throws TooManyFailedLogins when there is none, or the wait was interrupted (the server is stopping)
     */
    void await(String account, Duration delay) {
        if (!total.tryAcquire()) {
            throw TooManyFailedLogins.busy(delay);
        }
        try {
            boolean[] admitted = {false};
            waiting.compute(account, (key, count) -> {
                int now = count == null ? 0 : count;
                if (now >= perAccount) {
                    return count;
                }
                admitted[0] = true;
                return now + 1;
            });
            if (!admitted[0]) {
                throw TooManyFailedLogins.busy(delay);
            }
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw TooManyFailedLogins.busy(delay);
            } finally {
                waiting.computeIfPresent(account, (key, count) -> count <= 1 ? null : count - 1);
            }
        } finally {
            total.release();
        }
    }
}
