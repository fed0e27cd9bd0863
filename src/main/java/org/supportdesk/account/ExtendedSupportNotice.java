package org.supportdesk.account;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.supportdesk.calendar.CalendarProperties;

/**
 * R19/R21: what a customer without the add-on is told about Extended Support, in one place
 * ({@code notice.extended-support} in {@code messages.properties}), with the business hours of
 * {@code support.calendar}: the API's answer, the request form and the out-of-hours mail all say the same.
 */
@Component
public class ExtendedSupportNotice {

    private final MessageSource messages;
    private final CalendarProperties hours;

    public ExtendedSupportNotice(MessageSource messages, CalendarProperties hours) {
        this.messages = messages;
        this.hours = hours;
    }

    public String text() {
        return messages.getMessage("notice.extended-support",
                new Object[]{String.valueOf(hours.opensAt()), String.valueOf(hours.closesAt())},
                LocaleContextHolder.getLocale());
    }
}
