package org.supportdesk.attachment;

import java.util.Locale;

/** How sizes read in the desk's texts (pages, mails, refusals): bytes, KiB or MiB. */
public final class FileSizes {

    private FileSizes() {
    }

    public static String text(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
