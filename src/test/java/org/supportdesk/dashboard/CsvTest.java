package org.supportdesk.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * What a spreadsheet gets from the dashboard's CSV (issue #21, item 4): every cell quoted, and every cell that a
 * spreadsheet could run as a formula, in any locale's list separator, turned into text by a leading apostrophe.
 */
class CsvTest {

    @ParameterizedTest(name = "{0} is written as {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            note;=1+1        | "'note;=1+1"
            =1+1             | "'=1+1"
            +1               | "'+1"
            -1               | "'-1"
            @SUM(A1)         | "'@SUM(A1)"
            a,=b             | "'a,=b"
            x; @y            | "'x; @y"
            `a;  -b`         | "'a;  -b"
            x,+1             | "'x,+1"
            """)
    void aCellASpreadsheetWouldRunAsAFormulaIsQuotedAndStartsWithAnApostrophe(String cell, String written) {
        assertThat(Csv.cell(cell)).isEqualTo(written);
    }

    @Test
    void cellsLedByATabOrACarriageReturnOrWithOneAfterASeparatorStartWithAnApostrophe() {
        assertThat(Csv.cell("\t=1+1")).isEqualTo("\"'\t=1+1\"");
        assertThat(Csv.cell("\rcmd")).isEqualTo("\"'\rcmd\"");
        assertThat(Csv.cell("a;\tb")).isEqualTo("\"'a;\tb\"");
        assertThat(Csv.cell("a, \rb")).isEqualTo("\"'a, \rb\"");
    }

    @Test
    void quotesAreDoubledAndLineBreaksStayInsideTheQuotedCell() {
        assertThat(Csv.cell("He said \"it's slow\"\nsince Monday\r\nagain"))
                .isEqualTo("\"He said \"\"it's slow\"\"\nsince Monday\r\nagain\"");
        assertThat(Csv.cell("\"=1+1\"")).as("a quote first is no formula").isEqualTo("\"\"\"=1+1\"\"\"");
        assertThat(Csv.cell("=\"x\";-2")).isEqualTo("\"'=\"\"x\"\";-2\"");
    }

    @ParameterizedTest(name = "{0} is written as it is, in quotes")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            Search is slow           | "Search is slow"
            42                       | "42"
            3.5                      | "3.5"
            2026-10-06               | "2026-10-06"
            CLOSED (SOLVED)          | "CLOSED (SOLVED)"
            a, b; c                  | "a, b; c"
            1 + 1 = 2                | "1 + 1 = 2"
            alice@acme.example       | "alice@acme.example"
            `x, y-z`                 | "x, y-z"
            ``                       | ""
            """)
    void harmlessTextAndNumbersAreWrittenAsTheyAreInQuotes(String cell, String written) {
        assertThat(Csv.cell(cell)).isEqualTo(written);
    }

    @Test
    void aTableIsAHeaderAndARowPerLineEachCellQuotedAndEmptyCellsStayEmpty() {
        Dashboard.Table table = new Dashboard.Table("breaches", "Breaches", List.of("Ticket", "Summary", "Good %"),
                List.of(List.of("SD-1", "note;=1+1", "-1"), java.util.Arrays.asList("SD-2", null, "")));

        assertThat(Csv.of(table)).isEqualTo("""
                "Ticket","Summary","Good %"\r
                "SD-1","'note;=1+1","'-1"\r
                "SD-2","",""\r
                """);
    }
}
