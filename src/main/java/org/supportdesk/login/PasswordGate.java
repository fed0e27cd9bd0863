package org.supportdesk.login;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Every password check of the desk goes through here: customer API, portal sign-in, password change, staff API,
 * engine REST and the Camunda webapps' login. A refused account and address gets {@link TooManyFailedLogins} before
 * the password is looked at (no bcrypt spent); past the account's limit, an attempt from an address that never signed
 * in to the account waits first (1 s doubling to 30 s, {@link DelayedAttempts}); a wrong password is counted; the
 * right one clears its pair.
 *
 * <p>Checks of the same account from the same address run one after the other on a node (256 lock stripes, so the
 * memory this takes is fixed): a burst of parallel guesses cannot all pass before the first failure is counted. A
 * delayed attempt waits without its stripe (a waiting guesser must not hold up the others of that stripe) and reads
 * its standing again before its check.
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
    private final DelayedAttempts delayed;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    /** Waits with {@link Sleeper#THREAD} unless the application has a sleeper of its own (the tests' records). */
    @Autowired
    PasswordGate(LoginThrottle throttle, LoginProperties properties, ObjectProvider<Sleeper> sleeper) {
        this(throttle, properties, sleeper.getIfAvailable(() -> Sleeper.THREAD));
    }

    PasswordGate(LoginThrottle throttle, LoginProperties properties, Sleeper sleeper) {
        this.throttle = throttle;
        this.properties = properties;
        this.delayed = new DelayedAttempts(sleeper, properties);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * @return whether the password is right
     * @throws TooManyFailedLogins when this account may not try from this address now, or its attempt cannot wait
     */
    public <E extends Exception> boolean check(Realm realm, String account, String address, Check<E> check) throws E {
        ReentrantLock stripe = stripes[Math.floorMod((realm + account + "|" + ClientAddress.of(address)).hashCode(),
                STRIPES)];
        lock(stripe);
        try {
            LoginThrottle.Standing standing = throttle.standing(realm, account, address);
            refuseIfRefused(standing);
            if (!standing.delay().isZero()) {
                // a waiting attempt holds no stripe: it must not hold up the other checks of its stripe
                stripe.unlock();
                delayed.await(LoginThrottle.accountKey(realm, account), standing.delay());
                lock(stripe);
                // other attempts of the pair may have failed meanwhile
                standing = throttle.standing(realm, account, address);
                refuseIfRefused(standing);
            }
            boolean right = check.verify();
            if (right) {
                throttle.succeeded(realm, account, address, standing.earlierFailures());
            } else {
                throttle.failed(realm, account, address);
            }
            return right;
        } finally {
            if (stripe.isHeldByCurrentThread()) {
                stripe.unlock();
            }
        }
    }

    private static void refuseIfRefused(LoginThrottle.Standing standing) {
        if (standing.refusedFor().isPresent()) {
            throw new TooManyFailedLogins(standing.refusedFor().get());
        }
    }

    private void lock(ReentrantLock stripe) {
        try {
            if (!stripe.tryLock(properties.concurrentCheckWait().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TooManyFailedLogins(Duration.ofSeconds(1));
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new TooManyFailedLogins(Duration.ofSeconds(1));
        }
    }
}
