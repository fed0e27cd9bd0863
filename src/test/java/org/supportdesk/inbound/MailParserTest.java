package org.supportdesk.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import jakarta.mail.MessagingException;

/** R6b: what the desk reads from a customer's mail, without Spring. */
class MailParserTest {

    private final MailParser parser = new MailParser();

    @Test
    void plainMailGivesSenderSubjectTextAndThreadIds() throws Exception {
        ParsedMail mail = parse("""
                From: Paula Customer <Paula@Org.Example>
                To: support@support.example
                Cc: Carl <carl@org.example>, CARL@org.example, bob@elsewhere.example
                Subject: =?UTF-8?Q?Policy_evaluation_fails_=E2=80=93_urgent?=
                Message-ID: <abc@mail.org.example>
                In-Reply-To: <SD-1001.ack@support.example>
                References: <abc0@mail.org.example> <SD-1001@support.example>
                 <SD-1001.ack@support.example>
                Content-Type: text/plain; charset=UTF-8

                Evaluating the default policy fails.

                Regards, Paula
                """);

        assertThat(mail.from()).isEqualTo("paula@org.example");
        assertThat(mail.fromName()).isEqualTo("Paula Customer");
        assertThat(mail.subject()).isEqualTo("Policy evaluation fails – urgent");
        assertThat(mail.messageId()).isEqualTo("<abc@mail.org.example>");
        assertThat(mail.cc()).containsExactly("carl@org.example", "bob@elsewhere.example");
        assertThat(lf(mail.text())).isEqualTo("Evaluating the default policy fails.\n\nRegards, Paula");
        assertThat(mail.attachments()).isEmpty();
        assertThat(mail.automatic()).isNull();
        // In-Reply-To first, then References newest first
        assertThat(mail.references()).containsExactly("<SD-1001.ack@support.example>", "<SD-1001@support.example>",
                "<abc0@mail.org.example>");
    }

    @Test
    void plainTextIsPreferredOverHtml() throws Exception {
        ParsedMail mail = parse("""
                From: paula@org.example
                Subject: Both
                Message-ID: <alt@org.example>
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary="alt"

                --alt
                Content-Type: text/html; charset=UTF-8

                <p>The <b>HTML</b> version</p>
                --alt
                Content-Type: text/plain; charset=UTF-8

                The plain version
                --alt--
                """);

        assertThat(mail.text()).isEqualTo("The plain version");
    }

    @Test
    void htmlOnlyMailBecomesPlainTextWithItsParagraphs() throws Exception {
        ParsedMail mail = parse("""
                From: paula@org.example
                Subject: HTML only
                Message-ID: <html@org.example>
                MIME-Version: 1.0
                Content-Type: text/html; charset=UTF-8

                <html><head><title></title><style>p { color: red; }</style><script>alert(1)</script></head>
                <body><p>First paragraph with <b>bold</b> text.</p>
                <p>Second &amp; last &lt;paragraph&gt;.</p>
                <div>Line one<br>Line two</div>
                <ul><li>item a</li><li>item b</li></ul></body></html>
                """);

        assertThat(mail.text()).isEqualTo("""
                First paragraph with bold text.

                Second & last <paragraph>.

                Line one
                Line two

                item a

                item b""");
    }

    @Test
    void backslashesInHtmlTextAreKept() throws Exception {
        ParsedMail mail = parse("""
                From: paula@org.example
                Subject: Path
                Message-ID: <path@org.example>
                Content-Type: text/html; charset=UTF-8

                <p>The log is in C:\\new\\logs\\server.log</p><p>It says {"msg":"a\\nb"}</p>
                """);

        assertThat(mail.text()).isEqualTo("The log is in C:\\new\\logs\\server.log\n\nIt says {\"msg\":\"a\\nb\"}");
    }

    @Test
    void attachmentsKeepNameTypeAndBytes() throws Exception {
        ParsedMail mail = parse("""
                From: paula@org.example
                Subject: Logs
                Message-ID: <att@org.example>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="mix"

                --mix
                Content-Type: text/plain; charset=UTF-8

                See the attached files.
                --mix
                Content-Type: text/plain; name="server.log"
                Content-Disposition: attachment; filename="server.log"

                ERROR no policy
                --mix
                Content-Type: application/vnd.ms-outlook; name="=?UTF-8?Q?Besprechung_=C3=BCber_Policies.msg?="
                Content-Disposition: attachment; filename="=?UTF-8?Q?Besprechung_=C3=BCber_Policies.msg?="
                Content-Transfer-Encoding: base64

                AAECAwQ=
                --mix
                Content-Type: application/octet-stream
                Content-Disposition: attachment

                raw
                --mix--
                """);

        assertThat(mail.text()).isEqualTo("See the attached files.");
        assertThat(mail.attachments()).extracting(ParsedMail.MailAttachment::fileName)
                .containsExactly("server.log", "Besprechung über Policies.msg", "attachment-3.bin");
        assertThat(mail.attachments()).extracting(ParsedMail.MailAttachment::contentType)
                .containsExactly("text/plain", "application/vnd.ms-outlook", "application/octet-stream");
        assertThat(mail.attachments().get(0).content()).asString(StandardCharsets.UTF_8).isEqualTo("ERROR no policy");
        assertThat(mail.attachments().get(1).content()).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void forwardedMailIsKeptAsAnAttachment() throws Exception {
        ParsedMail mail = parse("""
                From: paula@org.example
                Subject: Fwd: the error mail
                Message-ID: <fwd@org.example>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="mix"

                --mix
                Content-Type: text/plain; charset=UTF-8

                See below.
                --mix
                Content-Type: message/rfc822

                From: monitor@org.example
                Subject: Alert

                Server down
                --mix--
                """);

        assertThat(mail.text()).isEqualTo("See below.");
        assertThat(mail.attachments()).extracting(ParsedMail.MailAttachment::fileName).containsExactly("forwarded.eml");
        assertThat(mail.attachments().get(0).content()).asString(StandardCharsets.UTF_8).contains("Server down");
    }

    @Test
    void quotedPrintableAndLatin1AreDecoded() throws Exception {
        ParsedMail mail = parse("""
                From: paula@org.example
                Subject: =?ISO-8859-1?Q?Gr=FC=DFe?=
                Message-ID: <qp@org.example>
                Content-Type: text/plain; charset=ISO-8859-1
                Content-Transfer-Encoding: quoted-printable

                Sch=F6ne Gr=FC=DFe aus M=FCnchen
                """);

        assertThat(mail.subject()).isEqualTo("Grüße");
        assertThat(mail.text()).isEqualTo("Schöne Grüße aus München");
    }

    @Test
    void anUnknownCharsetIsReadRatherThanFailing() throws Exception {
        ParsedMail mail = parse("""
                From: paula@org.example
                Subject: =?x-unknown?Q?Odd?=
                Message-ID: <odd@org.example>
                Content-Type: text/plain; charset=x-unknown

                Hello from a strange charset
                """);

        assertThat(mail.text()).isEqualTo("Hello from a strange charset");
        assertThat(mail.subject()).isNotBlank();
    }

    @Test
    void mailWithoutTextHasEmptyText() throws Exception {
        ParsedMail mail = parse("""
                From: paula@org.example
                Subject: only a file
                Message-ID: <empty@org.example>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="mix"

                --mix
                Content-Type: application/zip; name="logs.zip"
                Content-Disposition: attachment; filename="logs.zip"
                Content-Transfer-Encoding: base64

                UEsDBA==
                --mix--
                """);

        assertThat(mail.text()).isEmpty();
        assertThat(mail.attachments()).hasSize(1);
    }

    @Test
    void missingMessageIdAndSubjectAreNull() throws Exception {
        ParsedMail mail = parse("""
                From: paula@org.example

                Hi
                """);

        assertThat(mail.messageId()).isNull();
        assertThat(mail.subject()).isNull();
        assertThat(mail.references()).isEmpty();
        assertThat(mail.cc()).isEmpty();
    }

    @Test
    void automaticMailIsFlagged() throws Exception {
        ParsedMail mail = parse("""
                From: paula@org.example
                Subject: Automatic reply: [SD-1001] We need information from you
                Auto-Submitted: auto-replied
                Message-ID: <ooo@org.example>

                I am out of the office.
                """);

        assertThat(mail.automatic()).isEqualTo("Auto-Submitted: auto-replied");
    }

    @Test
    void mailWithoutFromIsRefused() {
        assertThatThrownBy(() -> parse("""
                To: support@support.example
                Subject: who am I
                Message-ID: <nofrom@org.example>

                Hi
                """)).isInstanceOf(MessagingException.class).hasMessageContaining("From");
        assertThatThrownBy(() -> parse("""
                From: undisclosed-recipients:;
                Subject: who am I

                Hi
                """)).isInstanceOf(MessagingException.class).hasMessageContaining("From");
    }

    @Test
    void brokenMultipartIsReadAsFarAsItGoesAndKeptWhole() throws Exception {
        // issue #24: no longer an error (LenientMailParsingTest has every malformed case)
        ParsedMail mail = parse("""
                From: paula@org.example
                Subject: Broken
                Message-ID: <broken@org.example>
                MIME-Version: 1.0
                Content-Type: multipart/mixed

                This is not MIME at all.
                """);

        assertThat(lf(mail.text())).isEqualTo("This is not MIME at all.");
        assertThat(mail.attachments()).extracting(ParsedMail.MailAttachment::fileName).containsExactly("message.eml");
        assertThat(mail.malformed()).hasSize(1);
    }

    @Test
    void partsNestedTwentyLevelsDeepAreRead() throws Exception {
        ParsedMail mail = parser.parse(Smtp.nestedMultiparts("paula@org.example", "<n20@org.example>", "Deep", 20));

        assertThat(lf(mail.text())).isEqualTo("The innermost part.");
    }

    @ParameterizedTest
    @ValueSource(ints = {21, 10_000})
    void partsNestedDeeperThanTwentyLevelsAreNotReadButTheOriginalIsKeptWithANote(int levels) throws Exception {
        byte[] raw = Smtp.nestedMultiparts("paula@org.example", "<n@org.example>", "Deep", levels);

        ParsedMail mail = parser.parse(raw);

        assertThat(mail.subject()).isEqualTo("Deep");
        assertThat(mail.attachments()).singleElement().satisfies(original -> {
            assertThat(original.fileName()).isEqualTo("message.eml");
            assertThat(original.content()).isEqualTo(raw);
        });
        assertThat(mail.malformed()).containsExactly("The message nests MIME parts more than 20 levels deep; the desk"
                + " reads at most 20; none of its parts was read, the original message is attached as message.eml");
    }

    @Test
    void fiveHundredPartsAreRead() throws Exception {
        // the multipart itself is a part too: 499 text parts in it make 500
        ParsedMail mail = parser.parse(Smtp.siblingParts("paula@org.example", "<p500@org.example>", "Many", 499));

        assertThat(lf(mail.text())).isEqualTo("Part 0");
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 10_000})
    void moreThanFiveHundredPartsAreNotReadButTheOriginalIsKeptWithANote(int parts) throws Exception {
        ParsedMail mail = parser.parse(Smtp.siblingParts("paula@org.example", "<p@org.example>", "Many", parts));

        assertThat(mail.attachments()).extracting(ParsedMail.MailAttachment::fileName).containsExactly("message.eml");
        assertThat(mail.malformed()).containsExactly("The message has more than 500 MIME parts; the desk reads at"
                + " most 500; none of its parts was read, the original message is attached as message.eml");
    }

    @Test
    void onlyWholeDelimiterLinesCountAsParts() throws Exception {
        String lines = "--b1\nx\n--b10\n--b1 \n --b1\n--b1-\nx--b1\n--b1---\n--b1--";

        for (byte[] content : new byte[][]{Smtp.bytes(lines), lines.getBytes(StandardCharsets.US_ASCII)}) {
            assertThat(MailParser.delimiterLines(new java.io.ByteArrayInputStream(content), "b1", 100)).isEqualTo(3);
            assertThat(MailParser.delimiterLines(new java.io.ByteArrayInputStream(content), "b1", 2)).isEqualTo(2);
        }
    }

    @Test
    void theReceivingServersResultsAndEveryFromAddressAreRead() throws Exception {
        ParsedMail mail = parse("""
                Authentication-Results: mx.support.example;
                 dmarc=pass header.from=org.example
                Authentication-Results: mx.other.example; spf=fail smtp.mailfrom=org.example
                From: Paula <paula@org.example>, Mallory@Evil.Example
                Subject: Two senders
                Message-ID: <two@org.example>

                Hi
                """);

        assertThat(mail.authenticationResults()).hasSize(2);
        assertThat(lf(mail.authenticationResults().get(0))).isEqualTo("mx.support.example;\n dmarc=pass header.from=org.example");
        assertThat(mail.authenticationResults().get(1)).isEqualTo("mx.other.example; spf=fail smtp.mailfrom=org.example");
        assertThat(mail.fromAddresses()).containsExactly("paula@org.example", "mallory@evil.example");
        assertThat(mail.from()).isEqualTo("paula@org.example");
    }

    /** Plain text keeps the mail's own line ends (CRLF on the wire). */
    private static String lf(String text) {
        return text.replace("\r\n", "\n");
    }

    private ParsedMail parse(String rfc822) throws Exception {
        return parser.parse(Smtp.bytes(rfc822));
    }
}
