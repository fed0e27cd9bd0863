package org.supportdesk.ticket;

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
        @DefaultValue Limits web,
        @DefaultValue Limits email,
        @DefaultValue({"doc", "docx", "msg"}) List<String> discouragedExtensions) {

    public record Limits(@DefaultValue("100MB") DataSize maxFileSize, @DefaultValue("100MB") DataSize maxRequestSize) {
    }
}
