package org.supportdesk.calendar;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import de.focus_shift.jollyday.core.CalendarHierarchy;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Regional public holidays (R12), from the jollyday holiday data.
 *
 * <p>A region is an ISO 3166 country code such as {@code US} or {@code DE}, optionally followed by
 * subdivisions as jollyday names them, such as {@code de-by} (Bavaria) or {@code us-ca}. Codes are
 * case-insensitive.
 */
@Component
public class PublicHolidays {

    private static final Logger log = LoggerFactory.getLogger(PublicHolidays.class);

    // Loading a region parses its XML holiday definition, so it happens once per region; an empty
    // entry remembers an unknown region so that its warning is logged once.
    private final Map<String, Optional<RegionalCalendar>> calendars = new ConcurrentHashMap<>();

    /**
     * Whether offices in {@code region} are closed for a public or bank holiday on {@code date}.
     * Observances (commemorative days that are ordinary working days) do not count. An unknown or
     * missing region has no public holidays.
     */
    public boolean isHoliday(LocalDate date, String region) {
        return calendarFor(region).map(calendar -> calendar.isHoliday(date)).orElse(false);
    }

    /** Whether there is a public holiday calendar for {@code region} (an ISO country code, optionally a subdivision). */
    public boolean knows(String region) {
        return region != null && calendarFor(region).isPresent();
    }

    private Optional<RegionalCalendar> calendarFor(String region) {
        String key = region == null ? "" : region.strip().toLowerCase(Locale.ROOT);
        return calendars.computeIfAbsent(key, PublicHolidays::load);
    }

    private static Optional<RegionalCalendar> load(String region) {
        String[] parts = region.split("-", -1);
        String country = parts[0];
        if (country.isEmpty() || !HolidayManager.getSupportedCalendarCodes().contains(country.toUpperCase(Locale.ROOT))) {
            log.warn("No public holiday calendar for region '{}': treating it as having no public holidays", region);
            return Optional.empty();
        }
        HolidayManager manager = HolidayManager.getInstance(ManagerParameters.create(country));
        String[] subdivisions = Arrays.copyOfRange(parts, 1, parts.length);
        if (!isKnownSubdivision(manager.getCalendarHierarchy(), subdivisions)) {
            // the nationwide holidays still apply, which is closer to the truth than none at all
            log.warn("Unknown subdivision in region '{}': using the nationwide holidays of '{}' only", region, country);
            subdivisions = new String[0];
        }
        return Optional.of(new RegionalCalendar(manager, subdivisions));
    }

    private static boolean isKnownSubdivision(CalendarHierarchy country, String[] subdivisions) {
        CalendarHierarchy level = country;
        for (String subdivision : subdivisions) {
            level = level.getChildren().get(subdivision);
            if (level == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * A jollyday manager is thread-safe; its per-year holiday cache is a concurrent map. Each day's answer is kept
     * too (a few hundred a year): the dashboard asks about every day of thousands of tickets' lives.
     */
    private record RegionalCalendar(HolidayManager manager, String[] subdivisions, Map<LocalDate, Boolean> days) {

        RegionalCalendar(HolidayManager manager, String[] subdivisions) {
            this(manager, subdivisions, new ConcurrentHashMap<>());
        }

        boolean isHoliday(LocalDate date) {
            // e.g. UK bank holidays close offices just as public holidays do
            return days.computeIfAbsent(date, day -> manager.isHoliday(day, HolidayType.PUBLIC_HOLIDAY, subdivisions)
                    || manager.isHoliday(day, HolidayType.BANK_HOLIDAY, subdivisions));
        }
    }
}
