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

    /** The instant of a local time in a zone; the clock stays where it is. */
    public static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    /** The instant of a New York local time (the demo and fixture organisations' zone); the clock stays. */
    public static Instant newYork(String localDateTime) {
        return at(localDateTime, NEW_YORK);
    }

    /** Moves the clock to a local time in a zone. */
    public static Instant setAt(String localDateTime, ZoneId zone) {
        Instant instant = at(localDateTime, zone);
        set(instant);
        return instant;
    }

    /** Moves the clock to a New York local time. */
    public static Instant setNewYork(String localDateTime) {
        return setAt(localDateTime, NEW_YORK);
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
