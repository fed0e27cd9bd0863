package org.supportdesk.account;

import java.time.ZoneId;

/** A customer organisation; its time zone and holiday region decide its business hours (R12). */
public record Organization(String id, String name, ZoneId timeZone, String holidayRegion) {
}
