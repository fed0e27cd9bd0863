package org.supportdesk.inbound;

import org.springframework.stereotype.Component;
import org.supportdesk.attachment.AttachmentProperties;
import org.supportdesk.attachment.FileSizes;

/**
 * How large a message the desk reads at all: twice the mail limit for files per request (R8). The limits are on the
 * files as the customer sent them, and mail encoding adds a third on the way, so a message within the limits stays
 * within twice the limit. The poller does not download a larger message (it records it from its envelope), and
 * intake refuses a larger one it is given.
 */
@Component
class MailReadLimit {

    private final AttachmentProperties attachments;

    MailReadLimit(AttachmentProperties attachments) {
        this.attachments = attachments;
    }

    /** The most bytes of one message the desk reads. */
    long bytes() {
        return 2 * attachments.email().maxRequestSize().toBytes();
    }

    /** Whether a message of this size is read; an unknown size (negative) is read, with the download bounded. */
    boolean allows(long size) {
        return size <= bytes();
    }

    /** Why a message of this size was not downloaded. */
    String notDownloaded(long size) {
        return "Not downloaded: " + FileSizes.text(size) + " is over the " + FileSizes.text(bytes())
                + " the desk reads";
    }

    /** Why a message of unknown size was not downloaded: it went on past the limit. */
    String notDownloadedUnknownSize() {
        return "Not downloaded: more than the " + FileSizes.text(bytes()) + " the desk reads";
    }
}
