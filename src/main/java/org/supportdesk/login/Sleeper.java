package org.supportdesk.login;

import java.time.Duration;

/**
 * Waits. The gate delays attempts through it; the tests put one in the application that records what it would have
 * waited instead of waiting.
 */
@FunctionalInterface
public interface Sleeper {

    /** Waits on the calling thread. */
    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
