package org.supportdesk.inbound;

import java.util.Map;

/**
 * Jakarta Mail's lenient switches (issue #24), so that mail as real clients write it is read rather than refused:
 * unquoted or 8-bit parameters, a multipart without its boundary parameter, start or end boundary, or with no parts,
 * base64 and uuencode with errors, an unknown Content-Transfer-Encoding (read as it is), encoded words inside a word
 * ({@code Re:=?UTF-8?Q?...?=}). The MIME library reads them as JVM system properties, some only once, when its
 * classes load: {@link #install()} runs when the application starts ({@code SupportDeskApplication}) and before the
 * first message is parsed (the build sets them for the test JVMs too); a property an operator set on the command line
 * is left as it is. They change how mail is read, not how the desk writes it ({@code mail.mime.allowutf8}, which
 * would let outgoing mail carry raw 8-bit headers, is not set: {@link MailParser} reads raw UTF-8 headers itself).
 */
public final class LenientMime {

    static final Map<String, String> SYSTEM_PROPERTIES = Map.ofEntries(
            Map.entry("mail.mime.parameters.strict", "false"),
            Map.entry("mail.mime.decodeparameters", "true"),
            Map.entry("mail.mime.decodefilename", "true"),
            Map.entry("mail.mime.decodetext.strict", "false"),
            Map.entry("mail.mime.multipart.allowempty", "true"),
            Map.entry("mail.mime.multipart.ignoremissingboundaryparameter", "true"),
            Map.entry("mail.mime.multipart.ignoremissingendboundary", "true"),
            Map.entry("mail.mime.base64.ignoreerrors", "true"),
            Map.entry("mail.mime.uudecode.ignoreerrors", "true"),
            Map.entry("mail.mime.uudecode.ignoremissingbeginend", "true"),
            Map.entry("mail.mime.ignoreunknownencoding", "true"));

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
