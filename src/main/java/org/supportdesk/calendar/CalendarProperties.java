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

    /** The working days as customers read them: "Monday to Friday", or "Monday, Wednesday and Friday". */
    public String workingDaysText() {
        List<DayOfWeek> days = List.copyOf(workingDays);
        if (days.isEmpty()) {
            return "no day of the week";
        }
        if (days.size() >= 3 && days.get(days.size() - 1).getValue() - days.get(0).getValue() == days.size() - 1) {
            return name(days.get(0)) + " to " + name(days.get(days.size() - 1));
        }
        List<String> names = days.stream().map(CalendarProperties::name).toList();
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static String name(DayOfWeek day) {
        return day.getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH);
    }
}
