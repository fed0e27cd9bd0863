package org.supportdesk.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * Issue #24 items 1 and 5: every real-world form of a person's mail is read, as the sender's mail client shows it.
 * Each case is a short message of its own under {@code src/test/resources/mail/parsing/}, its bytes as they travel.
 */
class LenientMailParsingTest {

    private final MailParser parser = new MailParser();

    // item 1: lenient MIME; what still cannot be decoded is kept as it came, and staff are told

    @Test
    void theTestJvmReadsMailAsLenientlyAsTheApplication() {
        // the build sets them before any class loads (pom.xml); the MIME library reads some only once
        LenientMime.SYSTEM_PROPERTIES.forEach((name, value) -> assertThat(System.getProperty(name)).as(name)
                .isEqualTo(value));
    }

    @Test
    void anUnquotedBoundaryWithAnEqualsSignIsRead() throws Exception {
        ParsedMail mail = parse("unquoted-boundary-with-equals.eml");

        assertThat(mail.text()).isEqualTo("The boundary has an equals sign and no quotes.");
        assertThat(mail.malformed()).isEmpty();
    }

    @Test
    void anUnquotedEncodedWordFileNameIsDecoded() throws Exception {
        ParsedMail mail = parse("filename-encoded-word-unquoted.eml");

        assertThat(mail.text()).isEqualTo("See the attached invoice.");
        assertThat(mail.attachments()).singleElement().satisfies(file -> {
            assertThat(file.fileName()).isEqualTo("Größe.pdf");
            assertThat(file.contentType()).isEqualTo("application/pdf");
            assertThat(new String(file.content(), StandardCharsets.US_ASCII)).startsWith("%PDF-1.4");
        });
    }

    @Test
    void anEightBitFileNameInAParameterListIsReadAsUtf8() throws Exception {
        ParsedMail mail = parse("eight-bit-filename.eml");

        assertThat(mail.text()).isEqualTo("The overview is attached.");
        assertThat(mail.attachments()).extracting(ParsedMail.MailAttachment::fileName)
                .containsExactly("Übersicht März.txt");
    }

    @Test
    void aMultipartWithoutItsBoundaryParameterIsReadFromItsFirstDelimiter() throws Exception {
        assertThat(parse("missing-boundary-parameter.eml").text()).isEqualTo("The boundary parameter is missing.");
    }

    @Test
    void aMultipartWithoutItsStartBoundaryKeepsItsTextAndTheOriginal() throws Exception {
        ParsedMail mail = parse("missing-start-boundary.eml");

        assertThat(mail.text()).isEqualTo("The client never wrote the first boundary.");
        assertThat(mail.attachments()).extracting(ParsedMail.MailAttachment::fileName).containsExactly("message.eml");
        assertThat(mail.malformed()).hasSize(1);
    }

    @Test
    void aMultipartWithAMissingBodyPartKeepsTheOthers() throws Exception {
        ParsedMail mail = parse("missing-body-part.eml");

        assertThat(mail.text()).isEqualTo("The second part is missing.");
        assertThat(mail.attachments()).isEmpty();
        assertThat(mail.malformed()).isEmpty();
    }

    @Test
    void aWildcardMultipartIsReadLikeAnyMultipart() throws Exception {
        ParsedMail mail = parse("multipart-wildcard.eml");

        assertThat(mail.text()).isEqualTo("The content type is a wildcard.");
        assertThat(mail.malformed()).isEmpty();
    }

    @Test
    void aMultipartWithoutItsEndBoundaryKeepsItsLastPart() throws Exception {
        ParsedMail mail = parse("missing-end-boundary.eml");

        assertThat(mail.text()).isEqualTo("The mail ends without its closing boundary.");
        assertThat(mail.attachments()).singleElement().satisfies(file -> {
            assertThat(file.fileName()).isEqualTo("log.txt");
            assertThat(new String(file.content(), StandardCharsets.US_ASCII)).startsWith("line 1");
        });
    }

    @Test
    void brokenBase64IsDecodedAsFarAsItGoes() throws Exception {
        ParsedMail mail = parse("broken-base64.eml");

        assertThat(mail.text()).isEqualTo("The attachment's base64 is broken.");
        assertThat(mail.attachments()).singleElement().satisfies(file -> {
            assertThat(file.fileName()).isEqualTo("data.bin");
            assertThat(new String(file.content(), StandardCharsets.ISO_8859_1)).startsWith("ABC");
        });
    }

    @Test
    void anUnknownTransferEncodingIsReadAsItIs() throws Exception {
        assertThat(parse("unknown-transfer-encoding.eml").text())
                .isEqualTo("The transfer encoding is one nobody knows.");
    }

    @Test
    void uuencodeWithoutItsBeginLineDoesNotStopTheMail() throws Exception {
        ParsedMail mail = parse("uuencode-without-begin.eml");

        assertThat(mail.text()).isEqualTo("The attachment is uuencoded without its begin line.");
        assertThat(mail.attachments()).extracting(ParsedMail.MailAttachment::fileName).containsExactly("notes.txt");
    }

    @Test
    void aPartThatCannotBeReadIsKeptRawAndStaffAreTold() throws Exception {
        ParsedMail mail = parse("undecodable-part.eml");

        assertThat(mail.text()).isEqualTo("The text before the broken part.");
        assertThat(mail.attachments()).singleElement().satisfies(file -> {
            assertThat(file.fileName()).isEqualTo("part-3.bin");
            assertThat(file.contentType()).isEqualTo("application/octet-stream");
            assertThat(new String(file.content(), StandardCharsets.US_ASCII))
                    .contains("This inner multipart has no parts at all.");
        });
        assertThat(mail.malformed()).singleElement().asString()
                .startsWith("Part 3 (multipart/related) could not be read (")
                .endsWith("it is attached undecoded as part-3.bin");
    }

    @Test
    void aMessageWhoseStructureCannotBeReadKeepsItsTextAndTheOriginal() throws Exception {
        byte[] raw = bytes("unreadable-structure.eml");
        ParsedMail mail = parser.parse(raw);

        assertThat(mail.subject()).isEqualTo("Nothing but a broken structure");
        assertThat(mail.text()).isEqualTo("This body has no MIME parts at all.");
        assertThat(mail.attachments()).singleElement().satisfies(file -> {
            assertThat(file.fileName()).isEqualTo("message.eml");
            assertThat(file.contentType()).isEqualTo("message/rfc822");
            assertThat(file.content()).isEqualTo(raw);
        });
        assertThat(mail.malformed()).singleElement().asString()
                .startsWith("The mail's MIME structure could not be read (")
                .endsWith("the original message is attached as message.eml");
    }

    @Test
    void onlyAMailWithoutAUsableSenderIsAnErrorAndItSaysSo() throws Exception {
        assertThatThrownBy(() -> parser.parse(Smtp.bytes("""
                From: undisclosed-recipients:;
                Subject: who am I
                Content-Type: multipart/mixed

                Hi
                """))).isInstanceOf(MalformedMail.class).hasMessage("The message has no usable From address");
        // beyond the bounds the parts are not read, but the mail is kept whole (MailParserTest)
        assertThat(parser.parse(Smtp.siblingParts("paula@org.example", "<p@org.example>", "Many", 500)).malformed())
                .singleElement().asString().startsWith("The message has more than 500 MIME parts");
    }

    // item 5: text as mail clients show it

    @Test
    void rawUtf8HeadersAreReadAsUtf8() throws Exception {
        ParsedMail mail = parse("raw-utf8-headers.eml");

        assertThat(mail.subject()).isEqualTo("Säying Hello – the export fails");
        assertThat(mail.fromName()).isEqualTo("Jürgen Müller");
        assertThat(mail.text()).isEqualTo("Grüße aus Köln.");
    }

    @Test
    void anEncodedWordInsideAWordIsDecoded() throws Exception {
        ParsedMail mail = parser.parse(Smtp.bytes("""
                From: paula@org.example
                Subject: Re:=?UTF-8?Q?Gr=C3=BC=C3=9Fe?=
                Content-Type: text/plain; charset=UTF-8

                Hi
                """));

        assertThat(mail.subject()).isEqualTo("Re:Grüße");
    }

    @Test
    void rawHeadersThatAreNotUtf8AreReadAsWindows1252() throws Exception {
        ParsedMail mail = parse("raw-latin1-headers.eml");

        assertThat(mail.subject()).isEqualTo("Grüße – Störung");
        assertThat(mail.text()).isEqualTo("Die Störung hält an.");
    }

    @Test
    void utf8TextLabelledAsciiOrLatin1IsReadAsUtf8() throws Exception {
        ParsedMail mail = parse("wrong-charset.eml");

        assertThat(mail.text()).isEqualTo("Der Export schlägt fehl – seit gestern.");
    }

    @Test
    void eightBitTextWithoutCharsetThatIsNotUtf8IsReadAsWindows1252() throws Exception {
        assertThat(parse("missing-charset.eml").text()).isEqualTo("Die Störung hält an – seit gestern.");
    }

    @Test
    void utf7IsDecoded() throws Exception {
        assertThat(parse("utf7.eml").text()).isEqualTo("Hi Mom -\u263A-! A\u2262\u0391. costs 1 + 1 = 2.");
    }

    @Test
    void aBlankPlainPartGivesWayToTheHtmlPart() throws Exception {
        assertThat(lf(parse("empty-plain-beside-html.eml").text()))
                .isEqualTo("The real text is in HTML.\n\nSecond paragraph.");
    }

    @Test
    void smimeSignedDataIsReadInsideTheSignature() throws Exception {
        ParsedMail mail = parse("smime-signed-data.eml");

        assertThat(mail.text()).isEqualTo("The signed text: the export hangs at 99 %.");
        assertThat(mail.attachments()).isEmpty();
        assertThat(mail.malformed()).isEmpty();
    }

    @Test
    void aMultipartSignedMailIsReadWithoutItsSignatureFile() throws Exception {
        ParsedMail mail = parse("multipart-signed.eml");

        assertThat(mail.text()).isEqualTo("The signed text: the export hangs at 99 %.");
        assertThat(mail.attachments()).isEmpty();
    }

    @Test
    void attachmentNamesAreDecodedAndANamelessFileIsNamedFromItsType() throws Exception {
        ParsedMail mail = parse("attachment-names.eml");

        assertThat(mail.attachments()).extracting(ParsedMail.MailAttachment::fileName)
                .containsExactly("Grüße aus Köln.txt", "Zähler.csv", "attachment-3.pdf", "report.txt");
    }

    @Test
    void utf7DecodesAsRfc2152Says() {
        assertThat(MailCharsets.utf7("Hi Mom -+Jjo--!")).isEqualTo("Hi Mom -\u263A-!");
        assertThat(MailCharsets.utf7("+ZeVnLIqe-")).isEqualTo("\u65E5\u672C\u8A9E");
        assertThat(MailCharsets.utf7("1 +- 1")).isEqualTo("1 + 1");
    }

    @Test
    void aUtf7EncodedWordInTheSubjectIsDecoded() throws Exception {
        ParsedMail mail = parser.parse(("From: Paula <paula@customer.example>\r\nTo: support@support.example\r\n"
                + "Subject: =?utf-7?Q?Die_Hasen_und_die_Fr+APY-sche?=\r\nContent-Type: text/plain\r\n\r\nHallo\r\n")
                .getBytes(StandardCharsets.US_ASCII));

        assertThat(mail.subject()).isEqualTo("Die Hasen und die Frösche");
    }

    @Test
    void textLabelledApplicationPlainAsSomeSmimeClientsDoIsTheMailsText() throws Exception {
        ParsedMail mail = parser.parse(("From: Paula <paula@customer.example>\r\nTo: support@support.example\r\n"
                + "Subject: Signed\r\nContent-Type: application/plain; charset=us-ascii\r\n\r\n"
                + "Please renew our certificate.\r\n").getBytes(StandardCharsets.US_ASCII));

        assertThat(mail.text()).isEqualTo("Please renew our certificate.");
        assertThat(mail.attachments()).isEmpty();
    }

    private ParsedMail parse(String name) throws Exception {
        return parser.parse(bytes(name));
    }

    private static byte[] bytes(String name) throws IOException {
        try (InputStream in = LenientMailParsingTest.class.getResourceAsStream("/mail/parsing/" + name)) {
            return in.readAllBytes();
        }
    }

    /** Text keeps the mail's own line ends (CRLF on the wire). */
    private static String lf(String text) {
        return text.replace("\r\n", "\n");
    }
}
