package org.supportdesk.login;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;

/**
 * Every password check of the desk goes through here: customer API, portal sign-in, password change, staff API,
 * engine REST and the Camunda webapps' login. A refused account and address gets {@link TooManyFailedLogins} before
 * the password is looked at (no bcrypt spent); a wrong password is counted; the right one clears its pair.
 *
 * <p>Checks of the same account from the same address run one after the other on a node (256 lock stripes, so the
 * memory this takes is fixed): a burst of parallel guesses cannot all pass before the first failure is counted.
 */
@Component
public class PasswordGate {

    /** A password check; {@code true} when the password is right. */
    @FunctionalInterface
    public interface Check<E extends Exception> {
        boolean verify() throws E;
    }

    private static final int STRIPES = 256;

    private final LoginThrottle throttle;
    private final LoginProperties properties;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    PasswordGate(LoginThrottle throttle, LoginProperties properties) {
        this.throttle = throttle;
        this.properties = properties;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * @return whether the password is right
     * @throws TooManyFailedLogins when this account may not try from this address now
     */
    public <E extends Exception> boolean check(Realm realm, String account, String address, Check<E> check) throws E {
        ReentrantLock stripe = stripes[Math.floorMod((realm + account + "|" + ClientAddress.of(address)).hashCode(),
                STRIPES)];
        try {
            if (!stripe.tryLock(properties.concurrentCheckWait().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TooManyFailedLogins(Duration.ofSeconds(1));
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new TooManyFailedLogins(Duration.ofSeconds(1));
        }
        try {
            LoginThrottle.Standing standing = throttle.standing(realm, account, address);
            if (standing.refusedFor().isPresent()) {
                throw new TooManyFailedLogins(standing.refusedFor().get());
            }
            boolean right = check.verify();
            if (right) {
                throttle.succeeded(realm, account, address, standing.earlierFailures());
            } else {
                throttle.failed(realm, account, address);
            }
            return right;
        } finally {
            stripe.unlock();
        }
    }
}
