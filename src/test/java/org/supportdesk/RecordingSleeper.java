package org.supportdesk;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestComponent;
import org.supportdesk.login.Sleeper;

/** The application's sleeper in the tests: records what it would have waited, waits for nothing. */
@TestComponent
public class RecordingSleeper implements Sleeper {

    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
    }

    /** What was waited since the last {@link #forget()}, in order. */
    public List<Duration> waits() {
        return List.copyOf(waits);
    }

    public void forget() {
        waits.clear();
    }
}
