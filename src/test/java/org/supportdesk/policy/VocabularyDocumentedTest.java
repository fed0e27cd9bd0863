package org.supportdesk.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The vocabulary analysts read in docs/changing-the-policy.md is the one the gate checks against. */
class VocabularyDocumentedTest {

    @Test
    void theDocumentedTableIsThePublishedList() throws Exception {
        String docs = Files.readString(Path.of(Vocabulary.DOCS));
        String section = docs.substring(docs.indexOf("## The vocabulary"));
        int start = section.indexOf("| name |");
        String table = section.substring(start, section.indexOf("\n\n", start) + 1);

        assertThat(table).isEqualTo(Vocabulary.markdown());
    }
}
