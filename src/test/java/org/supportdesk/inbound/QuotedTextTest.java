package org.supportdesk.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** R15 by mail: only what the customer wrote now joins the conversation, not the history their client quoted. */
class QuotedTextTest {

    @Test
    void gmailStyleAttributionAndQuotedLinesAreCut() {
        String reply = """
                We run version 1.2.3 on Java 17.

                On Tue, 1 Dec 2026 at 10:05, Support Desk <support@support.example> wrote:
                > Hello Paula,
                > which version do you run?
                """;

        assertThat(QuotedText.strip(reply)).isEqualTo("We run version 1.2.3 on Java 17.");
    }

    @Test
    void outlookOriginalMessageSeparatorCutsEverythingBelow() {
        String reply = """
                It works now, thanks!

                -----Original Message-----
                From: Support Desk <support@support.example>
                Sent: Tuesday, December 1, 2026 10:05 AM
                To: Paula <paula@org.example>
                Subject: Re: [SD-1001] Policy evaluation fails

                Please try the new policy engine.
                """;

        assertThat(QuotedText.strip(reply)).isEqualTo("It works now, thanks!");
    }

    @Test
    void outlookHeaderBlockWithoutSeparatorIsCut() {
        String reply = """
                Attached is the log you asked for.

                From: Support Desk <support@support.example>
                Sent: Tuesday, December 1, 2026 10:05 AM
                To: Paula <paula@org.example>
                Subject: Re: [SD-1001] Policy evaluation fails

                Could you send us the log?
                """;

        assertThat(QuotedText.strip(reply)).isEqualTo("Attached is the log you asked for.");
    }

    @Test
    void germanClientsAreRecognisedToo() {
        String outlook = """
                Danke, das hat geholfen.

                -----Ursprüngliche Nachricht-----
                Von: Support Desk <support@support.example>
                Gesendet: Dienstag, 1. Dezember 2026 16:05
                Betreff: AW: [SD-1001] Policy evaluation fails

                Bitte versuchen Sie die neue Version.
                """;
        String thunderbird = """
                Version 1.2.3.

                Am 01.12.2026 um 16:05 schrieb Support Desk:
                > Welche Version verwenden Sie?
                """;

        assertThat(QuotedText.strip(outlook)).isEqualTo("Danke, das hat geholfen.");
        assertThat(QuotedText.strip(thunderbird)).isEqualTo("Version 1.2.3.");
    }

    @Test
    void underscoreRuleOfModernOutlookCutsTheHistory() {
        String reply = """
                See the attached screenshot.

                ________________________________
                Von: Support Desk <support@support.example>
                Gesendet: Dienstag, 1. Dezember 2026 16:05
                """;

        assertThat(QuotedText.strip(reply)).isEqualTo("See the attached screenshot.");
    }

    @Test
    void trailingQuotedLinesWithoutAttributionAreDropped() {
        String reply = """
                Yes, that is the one.

                > Is it the default policy?
                >
                > Alex
                """;

        assertThat(QuotedText.strip(reply)).isEqualTo("Yes, that is the one.");
    }

    @Test
    void inlineAnswersBetweenQuotesAreKept() {
        String reply = """
                > Which version do you run?
                1.2.3
                > Which Java?
                17
                """;

        assertThat(QuotedText.strip(reply)).isEqualTo("> Which version do you run?\n1.2.3\n> Which Java?\n17");
    }

    @Test
    void textWithoutQuotesIsUnchanged() {
        String reply = "The error is:\n\n  java.lang.IllegalStateException: no policy\n\nRegards, Paula";

        assertThat(QuotedText.strip(reply)).isEqualTo(reply);
    }

    @Test
    void aReplyThatIsOnlyAQuoteKeepsItsTextRatherThanNothing() {
        String reply = "> Which version do you run?\n> Which Java?\n";

        assertThat(QuotedText.strip(reply)).isEqualTo("> Which version do you run?\n> Which Java?");
    }

    @Test
    void aSeparatorAtTheVeryTopIsNotACut() {
        String forwarded = "-----Original Message-----\nFrom: Carl <carl@org.example>\nSent: Monday\n\nThe server is down.";

        assertThat(QuotedText.strip(forwarded)).isEqualTo(forwarded);
    }

    @Test
    void gmailAttributionWrappedOverTwoLinesIsCut() {
        String reply = """
                We run version 1.2.3 on Java 17.

                On Tue, Dec 1, 2026 at 10:05 AM Support Desk of Example Software <
                support@support.example> wrote:

                > Hello Paula,
                > which version do you run?
                """;

        assertThat(QuotedText.strip(reply)).isEqualTo("We run version 1.2.3 on Java 17.");
    }
}
