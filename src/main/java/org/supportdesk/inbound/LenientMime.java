package org.supportdesk.inbound;

import java.util.Map;

/**
 * Jakarta Mail's lenient switches (issue #24), so that mail as real clients write it is read rather than refused:
 * unquoted or 8-bit parameters, a multipart without its boundary parameter, start or end boundary, or with no parts,
 * base64 and uuencode with errors, an unknown Content-Transfer-Encoding (read as it is). The MIME library reads most of
 * them as JVM system properties, some once when its classes load: {@link #install()} runs when the application starts
 * ({@code SupportDeskApplication}) and before the first message is parsed; a property an operator set on the command
 * line is left as it is. They change how mail is read, not how the desk writes it ({@code mail.mime.allowutf8}, which
 * would let outgoing mail carry raw 8-bit headers, is not set: {@link MailParser} reads raw UTF-8 headers itself).
 */
public final class LenientMime {

    static final Map<String, String> SYSTEM_PROPERTIES = Map.of(
            "mail.mime.parameters.strict", "false",
            "mail.mime.decodeparameters", "true",
            "mail.mime.decodefilename", "true",
            "mail.mime.multipart.allowempty", "true",
            "mail.mime.multipart.ignoremissingboundaryparameter", "true",
            "mail.mime.multipart.ignoremissingendboundary", "true",
            "mail.mime.base64.ignoreerrors", "true",
            "mail.mime.uudecode.ignoreerrors", "true",
            "mail.mime.uudecode.ignoremissingbeginend", "true",
            "mail.mime.ignoreunknownencoding", "true");

    private LenientMime() {
    }

    /** Sets every switch that is not set yet; call before the MIME library reads mail. */
    public static void install() {
        SYSTEM_PROPERTIES.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
            }
        });
    }
}
