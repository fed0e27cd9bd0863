package org.supportdesk.calendar;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Dates are in 2026: Monday 23 November is an ordinary week start, Thursday 26 November is
 * Thanksgiving (US), Friday 1 May and Thursday 14 May (Ascension) are German public holidays,
 * and New York moves to daylight saving time on Sunday 8 March.
 */
class BusinessCalendarTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final String US = "US";
    static final String DE = "DE";

    // loading holiday data is slow, and the component is thread-safe, so all tests share one
    static final PublicHolidays PUBLIC_HOLIDAYS = new PublicHolidays();

    // no vendor region: each organisation's own holidays only, unless a test says otherwise
    BusinessCalendar calendar = calendarWithVendorHolidays();

    @Nested
    class IsOpen {

        @Test
        void closedOneMinuteBeforeOpening() {
            assertThat(calendar.isOpen(newYork("2026-11-24T08:59"), NEW_YORK, US)).isFalse();
        }

        @Test
        void openAtOpeningTime() {
            assertThat(calendar.isOpen(newYork("2026-11-24T09:00"), NEW_YORK, US)).isTrue();
        }

        @Test
        void openInTheLastMinute() {
            assertThat(calendar.isOpen(newYork("2026-11-24T16:59"), NEW_YORK, US)).isTrue();
        }

        @Test
        void closedAtClosingTime() {
            assertThat(calendar.isOpen(newYork("2026-11-24T17:00"), NEW_YORK, US)).isFalse();
        }

        @Test
        void closedAtTheWeekend() {
            Instant saturdayNoon = newYork("2026-11-28T12:00");

            assertThat(calendar.isOpen(saturdayNoon, NEW_YORK, US)).isFalse();
        }

        @Test
        void closedOnAUsPublicHoliday() {
            Instant thanksgivingNoon = newYork("2026-11-26T12:00");

            assertThat(calendar.isOpen(thanksgivingNoon, NEW_YORK, US)).isFalse();
        }

        @Test
        void closedOnTheWeekdayAUsHolidayIsObservedOn() {
            // Independence Day 2026 is a Saturday, so Friday 3 July is the day off
            Instant fridayBeforeIndependenceDay = newYork("2026-07-03T12:00");

            assertThat(calendar.isOpen(fridayBeforeIndependenceDay, NEW_YORK, US)).isFalse();
        }

        @Test
        void closedOnAGermanPublicHoliday() {
            Instant labourDayNoon = berlin("2026-05-01T12:00");

            assertThat(calendar.isOpen(labourDayNoon, BERLIN, DE)).isFalse();
        }

        @Test
        void closedOnAConfiguredVendorHoliday() {
            BusinessCalendar calendar = calendarWithVendorHolidays(LocalDate.parse("2026-12-24"));

            assertThat(calendar.isOpen(newYork("2026-12-24T12:00"), NEW_YORK, US)).isFalse();
        }

        @Test
        void anInstantDuringBothOrganisationsHoursIsOpenForBoth() {
            Instant instant = Instant.parse("2026-11-24T15:00:00Z"); // 16:00 in Berlin, 10:00 in New York

            assertThat(calendar.isOpen(instant, BERLIN, DE)).isTrue();
            assertThat(calendar.isOpen(instant, NEW_YORK, US)).isTrue();
        }

        @Test
        void anInstantAfterBerlinClosesIsStillOpenInNewYork() {
            Instant instant = Instant.parse("2026-11-24T17:00:00Z"); // 18:00 in Berlin, 12:00 in New York

            assertThat(calendar.isOpen(instant, BERLIN, DE)).isFalse();
            assertThat(calendar.isOpen(instant, NEW_YORK, US)).isTrue();
        }
    }

    @Nested
    class IsBusinessDay {

        @Test
        void anOrdinaryWeekdayIsABusinessDay() {
            assertThat(calendar.isBusinessDay(LocalDate.parse("2026-11-24"), US)).isTrue();
        }

        @Test
        void thanksgivingClosesUsOrganisationsOnly() {
            LocalDate thanksgiving = LocalDate.parse("2026-11-26");

            assertThat(calendar.isBusinessDay(thanksgiving, US)).isFalse();
            assertThat(calendar.isBusinessDay(thanksgiving, DE)).isTrue();
        }

        @Test
        void ascensionDayClosesGermanOrganisationsOnly() {
            LocalDate ascensionDay = LocalDate.parse("2026-05-14");

            assertThat(calendar.isBusinessDay(ascensionDay, DE)).isFalse();
            assertThat(calendar.isBusinessDay(ascensionDay, US)).isTrue();
        }

        @Test
        void vendorHolidaysCloseEveryRegion() {
            BusinessCalendar calendar = calendarWithVendorHolidays(LocalDate.parse("2026-12-24"));

            assertThat(calendar.isBusinessDay(LocalDate.parse("2026-12-24"), US)).isFalse();
            assertThat(calendar.isBusinessDay(LocalDate.parse("2026-12-24"), DE)).isFalse();
        }

        @Test
        void r12_aVendorHolidayThatIsNoCustomerHolidayIsNoBusinessDay() {
            // the vendor is in the US: Thanksgiving closes support for Globex in Berlin too
            BusinessCalendar calendar = calendarOfVendorIn(US);
            LocalDate thanksgiving = LocalDate.parse("2026-11-26");

            assertThat(calendar.isBusinessDay(thanksgiving, DE)).isFalse();
            assertThat(calendar.isOpen(berlin("2026-11-26T12:00"), BERLIN, DE)).isFalse();
            assertThat(calendar.nextOpening(berlin("2026-11-25T18:00"), BERLIN, DE))
                    .isEqualTo(berlin("2026-11-27T09:00"));
            assertThat(calendar.isBusinessDay(LocalDate.parse("2026-11-25"), DE)).isTrue();
        }

        @Test
        void r12_theCustomersOwnHolidaysStillCountNextToTheVendors() {
            BusinessCalendar calendar = calendarOfVendorIn(US);

            assertThat(calendar.isBusinessDay(LocalDate.parse("2026-05-14"), DE)).isFalse(); // Ascension Day
            assertThat(calendar.isBusinessDay(LocalDate.parse("2026-05-14"), US)).isTrue();
        }

        @Test
        void r12_anExtraClosingDayFromConfigurationIsNoBusinessDayNextToTheVendorsRegion() {
            BusinessCalendar calendar = calendarOfVendorIn(US, LocalDate.parse("2026-12-24"));

            assertThat(calendar.isBusinessDay(LocalDate.parse("2026-12-24"), "XX")).isFalse();
            assertThat(calendar.isBusinessDay(LocalDate.parse("2026-11-26"), "XX")).isFalse();
            assertThat(calendar.isBusinessDay(LocalDate.parse("2026-12-23"), "XX")).isTrue();
        }

        @Test
        void r12_anEmptyVendorRegionLeavesOnlyTheExtraClosingDays() {
            BusinessCalendar calendar = calendarOfVendorIn("", LocalDate.parse("2026-12-24"));

            assertThat(calendar.isBusinessDay(LocalDate.parse("2026-11-26"), DE)).isTrue();
            assertThat(calendar.isBusinessDay(LocalDate.parse("2026-12-24"), DE)).isFalse();
        }

        @Test
        void r12_theVendorRegionIsUsUnlessTheSettingsNameAnotherOrLeaveItEmpty() {
            assertThat(bind(java.util.Map.of()).vendorHolidayRegion()).isEqualTo("US");
            assertThat(bind(java.util.Map.of("support.calendar.vendor-holiday-region", "de-by")).vendorHolidayRegion())
                    .isEqualTo("de-by");
            assertThat(bind(java.util.Map.of("support.calendar.vendor-holiday-region", "")).vendorHolidayRegion())
                    .isEmpty();
        }

        private static CalendarProperties bind(java.util.Map<String, String> settings) {
            return new org.springframework.boot.context.properties.bind.Binder(
                    new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(settings))
                    .bindOrCreate("support.calendar", CalendarProperties.class);
        }

        @Test
        void r12_aVendorRegionTheHolidayLibraryDoesNotKnowIsRefusedAtStart() {
            assertThatIllegalStateException()
                    .isThrownBy(() -> calendarOfVendorIn("XX"))
                    .withMessageContaining("support.calendar.vendor-holiday-region 'XX'");
        }

        @Test
        void r12_businessHoursSkipAVendorHolidayForACustomerWhoWorksThatDay() {
            // Globex in Berlin files on Wednesday 25 November at 16:00: 8 business hours skip US Thanksgiving
            BusinessCalendar calendar = calendarOfVendorIn(US);

            Instant due = calendar.plusBusinessHours(berlin("2026-11-25T16:00"), 8, BERLIN, DE);

            assertThat(due).isEqualTo(berlin("2026-11-27T16:00"));
            assertThat(calendar.plusBusinessDays(berlin("2026-11-25T10:00"), 2, BERLIN, DE))
                    .isEqualTo(berlin("2026-11-30T10:00"));
        }

        @Test
        void anUnknownRegionHasNoPublicHolidays() {
            assertThat(calendar.isBusinessDay(LocalDate.parse("2026-12-25"), "XX")).isTrue();
        }
    }

    @Nested
    class NextOpening {

        @Test
        void isTheMomentItselfDuringBusinessHours() {
            Instant tuesdayMorning = newYork("2026-11-24T10:30");

            assertThat(calendar.nextOpening(tuesdayMorning, NEW_YORK, US)).isEqualTo(tuesdayMorning);
        }

        @Test
        void fromEarlyMorningIsTheSameDaysOpening() {
            Instant opening = calendar.nextOpening(newYork("2026-11-24T07:00"), NEW_YORK, US);

            assertThat(opening).isEqualTo(newYork("2026-11-24T09:00"));
        }

        @Test
        void fromFridayEveningIsMondayMorning() {
            Instant opening = calendar.nextOpening(newYork("2026-11-20T18:00"), NEW_YORK, US);

            assertThat(opening).isEqualTo(newYork("2026-11-23T09:00"));
        }

        @Test
        void skipsAPublicHoliday() {
            Instant opening = calendar.nextOpening(newYork("2026-11-25T18:00"), NEW_YORK, US);

            assertThat(opening).isEqualTo(newYork("2026-11-27T09:00"));
        }

        @Test
        void failsClearlyWhenNoDayIsAWorkingDay() {
            BusinessCalendar calendar = new BusinessCalendar(
                    new CalendarProperties(LocalTime.of(9, 0), LocalTime.of(17, 0), Set.of(), "", List.of()),
                    PUBLIC_HOLIDAYS);

            assertThatIllegalStateException()
                    .isThrownBy(() -> calendar.nextOpening(newYork("2026-11-24T18:00"), NEW_YORK, US))
                    .withMessageContaining("working-days");
        }
    }

    @Nested
    class PlusBusinessDays {

        @Test
        void landsAtTheSameClockTime() {
            Instant due = calendar.plusBusinessDays(newYork("2026-11-18T14:00"), 2, NEW_YORK, US);

            assertThat(due).isEqualTo(newYork("2026-11-20T14:00"));
        }

        @Test
        void skipsTheWeekend() {
            Instant due = calendar.plusBusinessDays(newYork("2026-11-20T16:00"), 2, NEW_YORK, US);

            assertThat(due).isEqualTo(newYork("2026-11-24T16:00"));
        }

        @Test
        void countsFromTheNextOpeningWhenStartedOutsideHours() {
            Instant fridayEvening = newYork("2026-11-20T18:00");

            Instant due = calendar.plusBusinessDays(fridayEvening, 2, NEW_YORK, US);

            assertThat(due).isEqualTo(newYork("2026-11-25T09:00"));
        }

        @Test
        void skipsAPublicHoliday() {
            // Thanksgiving on Thursday 26 does not count; Friday 27 does
            Instant due = calendar.plusBusinessDays(newYork("2026-11-25T10:00"), 2, NEW_YORK, US);

            assertThat(due).isEqualTo(newYork("2026-11-30T10:00"));
        }

        @Test
        void r14_businessDaysBetweenCountsWhatPlusBusinessDaysAdds() {
            Instant asked = newYork("2026-11-25T10:00"); // Thanksgiving on Thursday 26 does not count

            assertThat(calendar.businessDaysBetween(asked, newYork("2026-12-09T10:00"), NEW_YORK, US)).isEqualTo(9);
            assertThat(calendar.businessDaysBetween(asked, newYork("2026-12-09T09:59"), NEW_YORK, US)).isEqualTo(8);
            assertThat(calendar.businessDaysBetween(asked, newYork("2026-11-25T16:00"), NEW_YORK, US)).isZero();
            assertThat(calendar.businessDaysBetween(asked, calendar.plusBusinessDays(asked, 10, NEW_YORK, US),
                    NEW_YORK, US)).isEqualTo(10);
        }

        @Test
        void keepsTheWallClockTimeAcrossTheChangeToDaylightSavingTime() {
            Instant fridayBeforeChange = newYork("2026-03-06T10:00");

            Instant due = calendar.plusBusinessDays(fridayBeforeChange, 2, NEW_YORK, US);

            assertThat(due.atZone(NEW_YORK).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-03-10T10:00"));
            assertThat(Duration.between(fridayBeforeChange, due)).isEqualTo(Duration.ofDays(4).minusHours(1));
        }

        @Test
        void zeroDaysIsTheNextOpening() {
            Instant due = calendar.plusBusinessDays(newYork("2026-11-21T12:00"), 0, NEW_YORK, US);

            assertThat(due).isEqualTo(newYork("2026-11-23T09:00"));
        }

        @Test
        void rejectsNegativeDays() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> calendar.plusBusinessDays(newYork("2026-11-24T10:00"), -1, NEW_YORK, US));
        }
    }

    @Nested
    class PlusBusinessHours {

        @Test
        void aFullDayFromOpeningEndsAtClosingTime() {
            Instant due = calendar.plusBusinessHours(newYork("2026-11-23T09:00"), 8, NEW_YORK, US);

            assertThat(due).isEqualTo(newYork("2026-11-23T17:00"));
        }

        @Test
        void continuesAtTheNextDaysOpening() {
            Instant due = calendar.plusBusinessHours(newYork("2026-11-23T16:00"), 4, NEW_YORK, US);

            assertThat(due).isEqualTo(newYork("2026-11-24T12:00"));
        }

        @Test
        void continuesAfterTheWeekend() {
            Instant due = calendar.plusBusinessHours(newYork("2026-11-20T15:00"), 4, NEW_YORK, US);

            assertThat(due).isEqualTo(newYork("2026-11-23T11:00"));
        }

        @Test
        void countsFromTheNextOpeningWhenStartedOutsideHours() {
            Instant saturday = newYork("2026-11-21T12:00");

            Instant due = calendar.plusBusinessHours(saturday, 1, NEW_YORK, US);

            assertThat(due).isEqualTo(newYork("2026-11-23T10:00"));
        }

        @Test
        void skipsAPublicHoliday() {
            Instant due = calendar.plusBusinessHours(newYork("2026-11-25T15:00"), 4, NEW_YORK, US);

            assertThat(due).isEqualTo(newYork("2026-11-27T11:00"));
        }

        @Test
        void countsPartsOfAnHour() {
            Instant due = calendar.plusBusinessHours(newYork("2026-11-23T16:30"), Duration.ofMinutes(90), NEW_YORK, US);

            assertThat(due).isEqualTo(newYork("2026-11-24T10:00"));
        }

        @Test
        void rejectsNegativeHours() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> calendar.plusBusinessHours(newYork("2026-11-24T10:00"), -1, NEW_YORK, US));
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> calendar.plusBusinessHours(
                            newYork("2026-11-24T10:00"), Duration.ofMinutes(-1), NEW_YORK, US));
        }
    }

    @Nested
    class BusinessTimeBetween {

        @Test
        void withinOneBusinessDayItIsTheElapsedTime() {
            assertThat(calendar.businessTimeBetween(newYork("2026-11-24T10:00"), newYork("2026-11-24T13:30"),
                    NEW_YORK, US)).isEqualTo(Duration.ofMinutes(210));
        }

        @Test
        void nightsWeekendsAndHolidaysDoNotCount() {
            // Wednesday 16:00 to Monday 10:00: 1 hour on Wednesday, Thanksgiving closed, 8 on Friday, 1 on Monday
            assertThat(calendar.businessTimeBetween(newYork("2026-11-25T16:00"), newYork("2026-11-30T10:00"),
                    NEW_YORK, US)).isEqualTo(Duration.ofHours(10));
        }

        @Test
        void timeOutsideBusinessHoursAtBothEndsDoesNotCount() {
            assertThat(calendar.businessTimeBetween(newYork("2026-11-23T07:00"), newYork("2026-11-23T20:00"),
                    NEW_YORK, US)).isEqualTo(Duration.ofHours(8));
            assertThat(calendar.businessTimeBetween(newYork("2026-11-28T10:00"), newYork("2026-11-29T16:00"),
                    NEW_YORK, US)).isZero();
        }

        @Test
        void countsInTheOrganisationsOwnZoneAndRegion() {
            // Friday 1 May is Labour Day in Germany: the Berlin organisation's Thursday 16:00 to Monday 10:00 is 2 hours
            assertThat(calendar.businessTimeBetween(berlin("2026-04-30T16:00"), berlin("2026-05-04T10:00"),
                    BERLIN, DE)).isEqualTo(Duration.ofHours(2));
        }

        @Test
        void theMeterForManyTicketsCountsTheSameAsOneByOne() {
            java.util.Random random = new java.util.Random(7);
            BusinessCalendar.Meter meter = calendar.meter(BERLIN, DE);
            Instant start = berlin("2026-03-20T00:00"); // across the change to summer time and Easter
            for (int i = 0; i < 2000; i++) {
                Instant from = start.plusSeconds(random.nextInt(60 * 86_400));
                Instant to = from.plusSeconds(random.nextInt(30 * 86_400));
                assertThat(meter.between(from, to)).as("%s to %s", from, to)
                        .isEqualTo(calendar.businessTimeBetween(from, to, BERLIN, DE));
            }
            assertThat(meter.between(berlin("2026-04-30T16:00"), berlin("2026-05-04T10:00")))
                    .isEqualTo(Duration.ofHours(2));
        }

        @Test
        void anEndBeforeTheStartIsZero() {
            assertThat(calendar.businessTimeBetween(newYork("2026-11-24T13:00"), newYork("2026-11-24T10:00"),
                    NEW_YORK, US)).isZero();
        }
    }

    static BusinessCalendar calendarWithVendorHolidays(LocalDate... vendorHolidays) {
        return calendarOfVendorIn("", vendorHolidays);
    }

    static BusinessCalendar calendarOfVendorIn(String vendorHolidayRegion, LocalDate... vendorHolidays) {
        CalendarProperties properties = new CalendarProperties(LocalTime.of(9, 0), LocalTime.of(17, 0),
                EnumSet.range(MONDAY, FRIDAY), vendorHolidayRegion, List.of(vendorHolidays));
        return new BusinessCalendar(properties, PUBLIC_HOLIDAYS);
    }

    static Instant newYork(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(NEW_YORK).toInstant();
    }

    static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }
}
