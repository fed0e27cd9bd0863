package org.supportdesk;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/** Moves the engine clock, which the whole application reads "now" from. Reset after every test. */
public final class EngineTime {

    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private EngineTime() {
    }

    public static Instant at(String localDateTime, ZoneId zone) {
        Instant instant = LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
        ClockUtil.setCurrentTime(Date.from(instant));
        return instant;
    }

    /** New York local time, the demo and fixture organisations' zone. */
    public static Instant newYork(String localDateTime) {
        return at(localDateTime, NEW_YORK);
    }

    public static void set(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    public static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    public static void reset() {
        ClockUtil.reset();
    }
}
