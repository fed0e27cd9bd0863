package org.supportdesk.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.unit.DataSize;
import org.supportdesk.SupportDeskTest;

/** Every node must keep customers' files in the one shared directory: a node that would not is stopped at start. */
@SupportDeskTest
class AttachmentDirectoryCheckTest {

    @Autowired AttachmentProperties properties;
    @Autowired AttachmentDirectoryRepository marks;
    @Autowired Clock clock;

    @TempDir Path elsewhere;

    @Test
    void theDirectoryThisNodeSharesCarriesTheDatabasesMarker() throws Exception {
        String token = marks.token().orElseThrow();

        assertThat(Files.readString(properties.directory().resolve(AttachmentDirectoryCheck.MARKER)).strip())
                .isEqualTo(token);
        check(properties.directory()).check();
    }

    @Test
    void aNodeWhoseDirectoryIsNotTheSharedOneDoesNotStart() {
        assertThatThrownBy(() -> check(elsewhere).check())
                .isInstanceOf(AttachmentDirectoryCheck.Unusable.class)
                .hasMessageContaining("is not the one the other nodes use")
                .hasMessageContaining("Every node must mount the same shared directory");
    }

    @Test
    void aDirectoryOfAnotherInstallationIsRefused() throws Exception {
        Files.writeString(elsewhere.resolve(AttachmentDirectoryCheck.MARKER), "0123456789abcdef");

        assertThatThrownBy(() -> check(elsewhere).check())
                .isInstanceOf(AttachmentDirectoryCheck.Unusable.class)
                .hasMessageContaining("belongs to another installation");
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsSaidPlainly() throws Exception {
        Path notADirectory = Files.writeString(elsewhere.resolve("a-file"), "x");

        assertThatThrownBy(() -> check(notADirectory).check())
                .isInstanceOf(AttachmentDirectoryCheck.Unusable.class)
                .hasMessageContaining("cannot be written and read back");
    }

    private AttachmentDirectoryCheck check(Path directory) {
        AttachmentProperties.Limits limits = new AttachmentProperties.Limits(DataSize.ofMegabytes(1),
                DataSize.ofMegabytes(1));
        return new AttachmentDirectoryCheck(new AttachmentProperties(directory, limits, limits, List.of("doc")), marks,
                clock);
    }
}
