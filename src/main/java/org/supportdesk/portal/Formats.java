package org.supportdesk.portal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.supportdesk.attachment.FileSizes;

/** Dates and sizes as the customer reads them, in their organisation's time zone (pages use it as {@code fmt}). */
public class Formats {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm zzz", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    /** Like the SEV-1 mail: "Monday 30 November 2026, 09:00 EST (America/New_York)". */
    static final DateTimeFormatter OPENING = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm zzz (VV)",
            Locale.ENGLISH);

    private final ZoneId zone;

    public Formats(ZoneId zone) {
        this.zone = zone;
    }

    public String when(Instant instant) {
        return instant == null ? "" : WHEN.format(instant.atZone(zone));
    }

    /** Machine-readable, for {@code <time datetime>}. */
    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    public String day(LocalDate day) {
        return day == null ? "" : DAY.format(day);
    }

    public String size(long bytes) {
        return FileSizes.text(bytes);
    }

    public String zone() {
        return zone.getId();
    }
}
