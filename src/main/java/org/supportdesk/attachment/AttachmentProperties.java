package org.supportdesk.attachment;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * R8 attachment rules.
 *
 * @param directory             where files are kept, by SHA-256; nodes of a cluster must share it
 * @param web                   limits of the web form
 * @param email                 limits of mail (smaller: mail servers refuse big messages)
 * @param discouragedExtensions proprietary formats with embedded information: refused on the web, kept but
 *                              flagged by email
 */
@ConfigurationProperties("support.attachments")
public record AttachmentProperties(
        Path directory,
        Limits web,
        Limits email,
        @DefaultValue({"doc", "docx", "msg"}) List<String> discouragedExtensions) {

    /** Web: 100 MB a file, 250 MB a request; mail: 20 MB (what mail servers commonly take). */
    public AttachmentProperties {
        web = Limits.or(web, DataSize.ofMegabytes(100), DataSize.ofMegabytes(250));
        email = Limits.or(email, DataSize.ofMegabytes(20), DataSize.ofMegabytes(20));
    }

    /**
     * @param maxFileSize    the largest file
     * @param maxRequestSize the largest request (all files and the text of one form or mail)
     */
    public record Limits(DataSize maxFileSize, DataSize maxRequestSize) {

        static Limits or(Limits given, DataSize file, DataSize request) {
            return new Limits(given == null || given.maxFileSize() == null ? file : given.maxFileSize(),
                    given == null || given.maxRequestSize() == null ? request : given.maxRequestSize());
        }
    }
}
