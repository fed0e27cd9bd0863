package org.supportdesk.processes;

/** {@code processes/mail-delivery.bpmn}: retries a mail the SMTP server did not take, then an incident. */
public final class MailDeliveryDiagram {

    public static final String FILE = "mail-delivery.bpmn";
    public static final String PROCESS_KEY = "mail-delivery";

    private MailDeliveryDiagram() {
    }
}
