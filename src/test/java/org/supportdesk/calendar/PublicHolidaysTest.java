package org.supportdesk.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PublicHolidaysTest {

    static final PublicHolidays holidays = new PublicHolidays();

    @Test
    void thanksgivingIsAUsHoliday() {
        assertThat(holidays.isHoliday(LocalDate.parse("2026-11-26"), "US")).isTrue();
    }

    @Test
    void aUsHolidayOnASaturdayIsObservedOnTheFriday() {
        assertThat(holidays.isHoliday(LocalDate.parse("2026-07-03"), "US")).isTrue();
        assertThat(holidays.isHoliday(LocalDate.parse("2026-07-04"), "US")).isFalse();
    }

    @Test
    void columbusDayIsOnlyInStateCalendars() {
        assertThat(holidays.isHoliday(LocalDate.parse("2026-10-12"), "US")).isFalse();
    }

    @Test
    void regionCodesAreCaseInsensitive() {
        assertThat(holidays.isHoliday(LocalDate.parse("2026-05-01"), "de")).isTrue();
        assertThat(holidays.isHoliday(LocalDate.parse("2026-05-01"), "De")).isTrue();
    }

    @Test
    void aSubdivisionAddsItsOwnHolidays() {
        LocalDate epiphany = LocalDate.parse("2026-01-06");

        assertThat(holidays.isHoliday(epiphany, "DE-BY")).isTrue();
        assertThat(holidays.isHoliday(epiphany, "DE")).isFalse();
    }

    @Test
    void anUnknownSubdivisionKeepsTheNationwideHolidays() {
        assertThat(holidays.isHoliday(LocalDate.parse("2026-12-25"), "DE-ZZ")).isTrue();
    }

    @Test
    void observancesAreWorkingDays() {
        // Alabama's Confederate Memorial Day is commemorated, not a day off
        assertThat(holidays.isHoliday(LocalDate.parse("2026-04-27"), "US-AL")).isFalse();
    }

    @Test
    void bankHolidaysAreDaysOff() {
        // Ontario's Civic Holiday, first Monday in August
        assertThat(holidays.isHoliday(LocalDate.parse("2026-08-03"), "CA-ON")).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"XX", "  ", "-"})
    void anUnknownOrMissingRegionHasNoHolidays(String region) {
        assertThat(holidays.isHoliday(LocalDate.parse("2026-12-25"), region)).isFalse();
    }
}
