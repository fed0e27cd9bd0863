package org.supportdesk.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.stereotype.Component;
import org.supportdesk.mail.StoredFiles;

/**
 * Files by content: each is written once under its SHA-256, so storing is idempotent and a file written for a
 * transaction that then rolls back is merely unreferenced, never wrong. Mails that carry a ticket's files read them
 * from here as they are sent.
 */
@Component
public class AttachmentStore implements StoredFiles {

    private final Path root;

    public AttachmentStore(AttachmentProperties properties) {
        this.root = properties.directory().toAbsolutePath().normalize();
    }

    public StoredFile store(Upload upload) {
        try {
            Files.createDirectories(root.resolve("incoming"));
            Path incoming = Files.createTempFile(root.resolve("incoming"), "upload-", ".part");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long size;
            try (InputStream in = new DigestInputStream(upload.open(), sha256);
                 OutputStream out = Files.newOutputStream(incoming)) {
                size = in.transferTo(out);
            }
            String hash = HexFormat.of().formatHex(sha256.digest());
            Path target = path(hash);
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                Files.delete(incoming);
            } else {
                Files.move(incoming, target, StandardCopyOption.ATOMIC_MOVE);
            }
            return new StoredFile(safeName(upload.fileName()), contentType(upload.contentType()), size, hash);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store attachment " + upload.fileName(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        return Files.newInputStream(path(sha256));
    }

    private Path path(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Not a SHA-256: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /** The name without any path, control characters or excess length; what the customer called it otherwise. */
    static String safeName(String name) {
        String base = name == null ? "" : name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}]", "")
                .replaceAll("^[\\s\\p{Z}]+|[\\s\\p{Z}.]+$", "");
        if (base.isEmpty() || base.equals(".") || base.equals("..")) {
            return "attachment";
        }
        return base.length() > 200 ? base.substring(base.length() - 200) : base;
    }

    private static String contentType(String type) {
        return type == null || type.isBlank() || type.length() > 200 ? "application/octet-stream" : type;
    }
}
