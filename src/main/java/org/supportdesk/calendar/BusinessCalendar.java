package org.supportdesk.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * R12 business hours: the configured opening hours on working days in the organisation's time zone,
 * except the vendor's holidays (the public holidays of the vendor's region and the extra closing days of
 * {@code support.calendar.vendor-holidays}) and the public holidays of the organisation's region.
 *
 * <p>Every method is a pure function of its arguments; callers pass "now" themselves, so the
 * engine clock stays the single source of the current time.
 */
@Component
public class BusinessCalendar {

    // Far more than any real calendar needs to reach its next business day; beyond it the
    // configuration has none (e.g. no working days), and scanning on would never end.
    private static final int MAX_DAYS_TO_NEXT_BUSINESS_DAY = 3 * 366;

    private final LocalTime opensAt;
    private final LocalTime closesAt;
    private final Set<DayOfWeek> workingDays;
    private final Set<LocalDate> vendorHolidays;
    private final String vendorHolidayRegion;
    private final PublicHolidays publicHolidays;

    public BusinessCalendar(CalendarProperties properties, PublicHolidays publicHolidays) {
        this.opensAt = properties.opensAt();
        this.closesAt = properties.closesAt();
        this.workingDays = properties.workingDays();
        this.vendorHolidays = Set.copyOf(properties.vendorHolidays());
        this.vendorHolidayRegion = properties.vendorHolidayRegion();
        this.publicHolidays = publicHolidays;
        // a misspelt region would silently keep support open on all the vendor's holidays: refuse to start instead
        if (!vendorHolidayRegion.isEmpty() && !publicHolidays.knows(vendorHolidayRegion)) {
            throw new IllegalStateException("support.calendar.vendor-holiday-region '" + vendorHolidayRegion
                    + "' is not a holiday region the holiday library knows: set an ISO country code such as US or DE,"
                    + " optionally with a subdivision such as de-by, or leave it empty for none");
        }
    }

    /** Whether {@code t} falls within business hours, opening time included and closing time excluded. */
    public boolean isOpen(Instant t, ZoneId zone, String region) {
        ZonedDateTime local = t.atZone(zone);
        LocalTime time = local.toLocalTime();
        return isBusinessDay(local.toLocalDate(), region) && !time.isBefore(opensAt) && time.isBefore(closesAt);
    }

    /** Whether {@code day} is a working day that is neither a vendor holiday nor a public holiday in {@code region}. */
    public boolean isBusinessDay(LocalDate day, String region) {
        return workingDays.contains(day.getDayOfWeek())
                && !isVendorHoliday(day)
                && !publicHolidays.isHoliday(day, region);
    }

    /** Whether the vendor's support is closed on {@code day} for everyone: a public holiday of its region or an extra closing day. */
    public boolean isVendorHoliday(LocalDate day) {
        return vendorHolidays.contains(day)
                || !vendorHolidayRegion.isEmpty() && publicHolidays.isHoliday(day, vendorHolidayRegion);
    }

    /** {@code t} itself during business hours, otherwise the moment business hours next start. */
    public Instant nextOpening(Instant t, ZoneId zone, String region) {
        if (isOpen(t, zone, region)) {
            return t;
        }
        ZonedDateTime local = t.atZone(zone);
        LocalDate candidate = local.toLocalTime().isBefore(opensAt) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
        return openingOn(firstBusinessDayFrom(candidate, region), zone);
    }

    /**
     * The same local clock time {@code days} business days later. A start outside business hours
     * counts from the next opening, so the result is then at opening time.
     *
     * @throws IllegalArgumentException if {@code days} is negative
     */
    public Instant plusBusinessDays(Instant t, int days, ZoneId zone, String region) {
        requireNotNegative(days, "business days");
        ZonedDateTime start = nextOpening(t, zone, region).atZone(zone);
        LocalDate day = start.toLocalDate();
        for (int counted = 0; counted < days; counted++) {
            day = firstBusinessDayFrom(day.plusDays(1), region);
        }
        // the wall-clock time, not the elapsed time, is kept, so a DST change in between does not shift it
        return ZonedDateTime.of(day, start.toLocalTime(), zone).toInstant();
    }

    /**
     * How many whole business days lie between {@code from} and {@code to}: the largest N for which
     * {@link #plusBusinessDays} of N from {@code from} is not after {@code to} (what the auto-close mail tells the
     * customer it waited). Zero if {@code to} is before that first day is over.
     */
    public int businessDaysBetween(Instant from, Instant to, ZoneId zone, String region) {
        ZonedDateTime start = nextOpening(from, zone, region).atZone(zone);
        LocalDate day = start.toLocalDate();
        int counted = 0;
        while (true) {
            LocalDate next = firstBusinessDayFrom(day.plusDays(1), region);
            if (ZonedDateTime.of(next, start.toLocalTime(), zone).toInstant().isAfter(to)) {
                return counted;
            }
            counted++;
            day = next;
        }
    }

    /**
     * The moment {@code hours} of business time after {@code t} have been used up, counting from the
     * next opening if {@code t} is outside business hours. Using up the last open minute of a day
     * lands on its closing time, not on the next opening.
     *
     * @throws IllegalArgumentException if {@code hours} is negative
     */
    public Instant plusBusinessHours(Instant t, Duration hours, ZoneId zone, String region) {
        if (hours.isNegative()) {
            throw new IllegalArgumentException("business hours must not be negative: " + hours);
        }
        Instant cursor = nextOpening(t, zone, region);
        Duration remaining = hours;
        while (true) {
            Instant closing = closingOnDayOf(cursor, zone);
            Duration openForRestOfDay = Duration.between(cursor, closing);
            if (remaining.compareTo(openForRestOfDay) <= 0) {
                return cursor.plus(remaining);
            }
            remaining = remaining.minus(openForRestOfDay);
            cursor = nextOpening(closing, zone, region);
        }
    }

    /**
     * Convenience for {@link #plusBusinessHours(Instant, Duration, ZoneId, String)} with whole hours.
     *
     * @throws IllegalArgumentException if {@code hours} is negative
     */
    public Instant plusBusinessHours(Instant t, int hours, ZoneId zone, String region) {
        requireNotNegative(hours, "business hours");
        return plusBusinessHours(t, Duration.ofHours(hours), zone, region);
    }

    /**
     * The business time between two moments: the part of {@code [from, to)} that falls within business hours (the
     * managers' "time to first response" and "time to solve" in the organisation's own hours). Zero if {@code to} is
     * not after {@code from}.
     */
    public Duration businessTimeBetween(Instant from, Instant to, ZoneId zone, String region) {
        Duration total = Duration.ZERO;
        if (!to.isAfter(from)) {
            return total;
        }
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            if (!isBusinessDay(day, region)) {
                continue;
            }
            Instant opening = openingOn(day, zone);
            Instant closing = ZonedDateTime.of(day, closesAt, zone).toInstant();
            Instant start = opening.isAfter(from) ? opening : from;
            Instant end = closing.isBefore(to) ? closing : to;
            if (end.isAfter(start)) {
                total = total.plus(Duration.between(start, end));
            }
        }
        return total;
    }

    /**
     * {@link #businessTimeBetween} for many pairs of moments in one organisation's calendar (the dashboard's
     * thousands of tickets): each day's open time is worked out once, then a pair costs two lookups. Not thread-safe;
     * one per request.
     */
    public Meter meter(ZoneId zone, String region) {
        return new Meter(zone, region);
    }

    public final class Meter {

        private static final int MARGIN_DAYS = 31;

        private final ZoneId zone;
        private final String region;
        private LocalDate base;
        /** Business seconds from the start of {@code base} to the start of {@code base + i}. */
        private long[] before = new long[0];
        /** Opening and closing of day {@code base + i} (epoch seconds; both 0 on a day without business hours). */
        private long[] opening = new long[0];
        private long[] closing = new long[0];

        private Meter(ZoneId zone, String region) {
            this.zone = zone;
            this.region = region;
        }

        public Duration between(Instant from, Instant to) {
            return to.isAfter(from) ? Duration.ofSeconds(secondsTo(to) - secondsTo(from)) : Duration.ZERO;
        }

        /** Business seconds from the start of {@code base} to {@code t}. */
        private long secondsTo(Instant t) {
            LocalDate day = t.atZone(zone).toLocalDate();
            cover(day);
            int i = (int) (day.toEpochDay() - base.toEpochDay());
            long at = t.getEpochSecond();
            return before[i] + Math.max(0, Math.min(at, closing[i]) - opening[i]);
        }

        private void cover(LocalDate day) {
            if (base != null && !day.isBefore(base) && day.toEpochDay() - base.toEpochDay() < before.length) {
                return;
            }
            LocalDate first = base == null || day.isBefore(base) ? day.minusDays(MARGIN_DAYS) : base;
            LocalDate last = base == null ? day.plusDays(MARGIN_DAYS)
                    : later(day.plusDays(MARGIN_DAYS), base.plusDays(before.length - 1L));
            int days = (int) (last.toEpochDay() - first.toEpochDay()) + 1;
            long[] cumulative = new long[days];
            long[] opens = new long[days];
            long[] closes = new long[days];
            long sum = 0;
            for (int i = 0; i < days; i++) {
                LocalDate d = first.plusDays(i);
                cumulative[i] = sum;
                if (isBusinessDay(d, region)) {
                    opens[i] = openingOn(d, zone).getEpochSecond();
                    closes[i] = ZonedDateTime.of(d, closesAt, zone).toInstant().getEpochSecond();
                    sum += closes[i] - opens[i];
                } else {
                    opens[i] = 0; // closed all day: nothing counts
                    closes[i] = 0;
                }
            }
            base = first;
            before = cumulative;
            opening = opens;
            closing = closes;
        }

        private static LocalDate later(LocalDate a, LocalDate b) {
            return a.isAfter(b) ? a : b;
        }
    }

    private LocalDate firstBusinessDayFrom(LocalDate day, String region) {
        LocalDate candidate = day;
        for (int scanned = 0; scanned < MAX_DAYS_TO_NEXT_BUSINESS_DAY; scanned++) {
            if (isBusinessDay(candidate, region)) {
                return candidate;
            }
            candidate = candidate.plusDays(1);
        }
        throw new IllegalStateException("No business day in the " + MAX_DAYS_TO_NEXT_BUSINESS_DAY
                + " days from " + day + " for region '" + region + "': check support.calendar.working-days,"
                + " support.calendar.vendor-holiday-region and support.calendar.vendor-holidays");
    }

    private Instant openingOn(LocalDate day, ZoneId zone) {
        return ZonedDateTime.of(day, opensAt, zone).toInstant();
    }

    private Instant closingOnDayOf(Instant t, ZoneId zone) {
        return ZonedDateTime.of(t.atZone(zone).toLocalDate(), closesAt, zone).toInstant();
    }

    private static void requireNotNegative(int amount, String what) {
        if (amount < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + amount);
        }
    }
}
