package org.supportdesk.attachment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.supportdesk.engine.StartupTask;

/**
 * Every node must keep customers' files in the same (shared) directory: a file stored by one node is downloaded
 * from another. At start each node writes, reads back and deletes a probe file (the directory is writable), then
 * compares the directory's marker file with the token the database holds: the first node writes both; a node whose
 * directory lacks the marker, or holds another one, does not start — it would serve "file not found" for the other
 * nodes' files.
 */
@Component
@Order(40)
class AttachmentDirectoryCheck implements StartupTask {

    static final String MARKER = ".support-desk-directory";
    private static final Logger log = LoggerFactory.getLogger(AttachmentDirectoryCheck.class);

    private final Path directory;
    private final AttachmentDirectoryRepository marks;
    private final Clock clock;

    AttachmentDirectoryCheck(AttachmentProperties properties, AttachmentDirectoryRepository marks, Clock clock) {
        this.directory = properties.directory().toAbsolutePath().normalize();
        this.marks = marks;
        this.clock = clock;
    }

    /** The directory cannot be used by this node; says why and what to do. */
    static class Unusable extends IllegalStateException {
        Unusable(String message) {
            super(message);
        }
    }

    @Override
    public void setUp() {
        check();
    }

    void check() {
        probeWritable();
        Path marker = directory.resolve(MARKER);
        Optional<String> expected = marks.token();
        Optional<String> found = read(marker);
        if (expected.isPresent() && found.isEmpty()) {
            throw new Unusable("The attachments directory " + directory + " is not the one the other nodes use: its"
                    + " marker file " + MARKER + " is missing. Every node must mount the same shared directory"
                    + " (support.attachments.directory); copy the files with the marker if you moved it.");
        }
        if (expected.isPresent() && !expected.get().equals(found.get())) {
            throw new Unusable("The attachments directory " + directory + " belongs to another installation: its"
                    + " marker file " + MARKER + " does not match this database. Every node must mount the same"
                    + " shared directory (support.attachments.directory).");
        }
        if (expected.isEmpty()) {
            String token = found.orElseGet(AttachmentDirectoryCheck::newToken);
            write(marker, token);
            marks.mark(token, clock.instant());
            log.info("Attachments directory {} marked for this database", directory);
        }
    }

    private void probeWritable() {
        try {
            Files.createDirectories(directory);
            Path probe = Files.createTempFile(directory, ".probe-", ".tmp");
            String written = newToken();
            Files.writeString(probe, written, StandardCharsets.UTF_8);
            String back = Files.readString(probe, StandardCharsets.UTF_8);
            Files.delete(probe);
            if (!written.equals(back)) {
                throw new Unusable("The attachments directory " + directory + " does not give back what was written.");
            }
        } catch (IOException e) {
            throw new Unusable("The attachments directory " + directory + " cannot be written and read back ("
                    + e.getClass().getSimpleName() + "): check that it exists, is mounted and is writable for the user"
                    + " that runs Support Desk (support.attachments.directory).");
        }
    }

    private static Optional<String> read(Path marker) {
        try {
            return Files.exists(marker) ? Optional.of(Files.readString(marker, StandardCharsets.UTF_8).strip())
                    : Optional.empty();
        } catch (IOException e) {
            throw new Unusable("The marker file " + marker + " cannot be read: " + e.getClass().getSimpleName());
        }
    }

    private static void write(Path marker, String token) {
        try {
            Files.writeString(marker, token, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Unusable("The marker file " + marker + " cannot be written: " + e.getClass().getSimpleName());
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
