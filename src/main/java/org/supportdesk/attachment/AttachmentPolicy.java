package org.supportdesk.attachment;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.supportdesk.web.Refusal;

/** R8: size limits per file and per request, and the formats the policy discourages. */
@Component
public class AttachmentPolicy {

    private final AttachmentProperties properties;

    public AttachmentPolicy(AttachmentProperties properties) {
        this.properties = properties;
    }

    /** The web form refuses discouraged formats and oversize files before anything is stored. */
    public void checkWeb(List<Upload> uploads) {
        for (Upload upload : uploads) {
            if (isDiscouraged(upload.fileName())) {
                throw Refusal.badRequest("discouraged-attachment", upload.fileName(), extension(upload.fileName()))
                        .withFieldError("files", "discouraged-format", upload.fileName());
            }
        }
        checkSizes(uploads, properties.web(), "web");
    }

    /** By mail the limits are smaller; discouraged formats are kept and flagged (see {@link #isDiscouraged}). */
    public void checkEmail(List<Upload> uploads) {
        checkSizes(uploads, properties.email(), "email");
    }

    public boolean isDiscouraged(String fileName) {
        return properties.discouragedExtensions().stream()
                .anyMatch(ext -> ext.equalsIgnoreCase(extension(fileName)));
    }

    public String limitsText(AttachmentProperties.Limits limits) {
        return mib(limits.maxFileSize().toBytes()) + " per file and " + mib(limits.maxRequestSize().toBytes())
                + " per request";
    }

    private void checkSizes(List<Upload> uploads, AttachmentProperties.Limits limits, String channel) {
        long total = 0;
        for (Upload upload : uploads) {
            if (upload.size() > limits.maxFileSize().toBytes()) {
                throw tooLarge(limits, channel).saying("problem.attachment-too-large.file", upload.fileName(),
                        mib(upload.size()), mib(limits.maxFileSize().toBytes()),
                        mib(limits.maxRequestSize().toBytes()), channel(channel));
            }
            total += upload.size();
        }
        if (total > limits.maxRequestSize().toBytes()) {
            throw tooLarge(limits, channel).saying("problem.attachment-too-large.total", mib(total),
                    mib(limits.maxFileSize().toBytes()), mib(limits.maxRequestSize().toBytes()), channel(channel));
        }
    }

    private Refusal tooLarge(AttachmentProperties.Limits limits, String channel) {
        return new Refusal(HttpStatus.PAYLOAD_TOO_LARGE, "attachment-too-large")
                .with("maxFileSize", limits.maxFileSize().toBytes())
                .with("maxRequestSize", limits.maxRequestSize().toBytes());
    }

    /** "on the web form", "by email": a text from the messages. */
    private static MessageSourceResolvable channel(String channel) {
        return new DefaultMessageSourceResolvable("attachments.channel." + channel);
    }

    private static String mib(long bytes) {
        return FileSizes.text(bytes);
    }

    /** The extension as the file will be stored and opened: {@code "report.docx. "} is a .docx file. */
    private static String extension(String fileName) {
        String name = AttachmentStore.safeName(fileName).replaceAll("[.\\s\\p{Z}]+$", "");
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
