package org.supportdesk.mail;

/** The variable contract of the {@code mail-delivery} process. */
public final class MailDeliveryVariables {

    /** The {@code outbound_mail} row to send. */
    public static final String MAIL_ID = "mailId";
    /** Its template, so that Cockpit shows what kind of mail waits. */
    public static final String TEMPLATE = "template";

    private MailDeliveryVariables() {
    }
}
