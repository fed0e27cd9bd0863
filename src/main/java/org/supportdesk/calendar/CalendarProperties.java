package org.supportdesk.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * R12 business hours. They are read in each organisation's own time zone, so the same values
 * describe 09:00–17:00 in New York and in Berlin.
 *
 * @param opensAt        local time business hours start (inclusive)
 * @param closesAt       local time business hours end (exclusive); must be after {@code opensAt}
 * @param workingDays    days of the week with business hours
 * @param vendorHolidayRegion the vendor's own holiday region (as an organisation's: {@code US}, {@code de-by}), whose
 *                       public holidays close support for every organisation; blank for none (then only
 *                       {@code vendorHolidays} and each organisation's own holidays count)
 * @param vendorHolidays extra dates the vendor's support is closed for every organisation (e.g. 24 December), in
 *                       addition to the vendor's region and each organisation's regional public holidays
 */
@ConfigurationProperties("support.calendar")
public record CalendarProperties(
        @DefaultValue("09:00") LocalTime opensAt,
        @DefaultValue("17:00") LocalTime closesAt,
        @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}) Set<DayOfWeek> workingDays,
        @DefaultValue("US") String vendorHolidayRegion,
        @DefaultValue List<LocalDate> vendorHolidays) {

    public CalendarProperties {
        Objects.requireNonNull(opensAt, "opensAt");
        Objects.requireNonNull(closesAt, "closesAt");
        // hours that span midnight would make a business day belong to two dates
        if (!opensAt.isBefore(closesAt)) {
            throw new IllegalArgumentException(
                    "support.calendar.opens-at (" + opensAt + ") must be before closes-at (" + closesAt + ")");
        }
        workingDays = workingDays == null || workingDays.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(workingDays)); // week order, for readable logs
        vendorHolidayRegion = vendorHolidayRegion == null ? "" : vendorHolidayRegion.strip();
        vendorHolidays = vendorHolidays == null ? List.of() : List.copyOf(vendorHolidays);
    }
}
