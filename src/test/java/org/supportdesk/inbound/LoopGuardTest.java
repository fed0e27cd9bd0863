package org.supportdesk.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** R5 "no reply loops": what counts as automatic mail, which is never answered and never reopens a ticket. */
class LoopGuardTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Auto-Submitted: auto-replied               | Auto-Submitted: auto-replied
            Auto-Submitted: auto-generated             | Auto-Submitted: auto-generated
            AUTO-SUBMITTED: Auto-Notified; owner-email=x@y.example | Auto-Submitted: Auto-Notified; owner-email=x@y.example
            Precedence: bulk                           | Precedence: bulk
            Precedence: list                           | Precedence: list
            Precedence: JUNK                           | Precedence: JUNK
            Precedence: auto_reply                     | Precedence: auto_reply
            X-Auto-Response-Suppress: All              | X-Auto-Response-Suppress header
            List-Id: <announce.lists.example>          | List-Id header
            List-Unsubscribe: <mailto:leave@lists.example> | List-Unsubscribe header
            X-Autoreply: yes                           | X-Autoreply header
            X-Autorespond: yes                         | X-Autorespond header
            X-Failed-Recipients: someone@org.example   | X-Failed-Recipients header
            Return-Path: <>                            | empty return path (a bounce)
            Return-Path: < >                           | empty return path (a bounce)
            """)
    void headersOfAutomaticMailAreRecognised(String header, String reason) throws Exception {
        assertThat(reasonFor("paula@org.example", "Re: [SD-1001] Policy evaluation fails", header))
                .isEqualTo(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAILER-DAEMON@mx.org.example", "mailer-daemon@org.example", "postmaster@org.example",
            "noreply@org.example", "no-reply@org.example", "bounces+1234@lists.example", "bounce-77@lists.example"})
    void bounceAndRobotSendersAreRecognised(String sender) throws Exception {
        assertThat(reasonFor(sender, "Undelivered Mail Returned to Sender")).isEqualTo("sent by " + sender);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Automatic reply: Re: [SD-1001] We need information from you",
            "Auto-Reply: [SD-1001] Policy evaluation fails", "Autoreply: on holiday",
            "Out of Office: Re: [SD-1001] Policy evaluation fails", "Out of the office until Monday",
            "Abwesenheitsnotiz: AW: [SD-1001] Policy evaluation fails",
            "=?UTF-8?Q?R=C3=A9ponse_automatique_:_[SD-1001]_Policy_evaluation_fails?="})
    void outOfOfficeSubjectsAreRecognised(String subject) throws Exception {
        assertThat(reasonFor("paula@org.example", subject)).isEqualTo("out-of-office subject");
    }

    @Test
    void deliveryReportsAreRecognised() throws Exception {
        MimeMessage report = message("paula@org.example", "Delivery Status Notification",
                "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"");

        assertThat(LoopGuard.automaticReason(report, new InternetAddress("paula@org.example")))
                .isEqualTo("delivery status report");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Auto-Submitted: no", "Auto-Submitted: No ", "Precedence: first-class",
            "Return-Path: <paula@org.example>", "X-Mailer: Microsoft Outlook 16.0", "Importance: high"})
    void mailAPersonWroteIsNotAutomatic(String header) throws Exception {
        assertThat(reasonFor("paula@org.example", "Re: [SD-1001] Policy evaluation fails", header)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Policy evaluation fails", "RE: Automatic reply rules", "Fwd: Out of office notice",
            "Reply-To header ignored by the mail adapter"})
    void ordinarySubjectsAreNotAutomatic(String subject) throws Exception {
        assertThat(reasonFor("paula@org.example", subject)).isNull();
    }

    @Test
    void senderNamesThatMerelyContainRobotWordsAreNotAutomatic() throws Exception {
        assertThat(reasonFor("noreply.fan@org.example", "Question")).isNull();
        assertThat(reasonFor("daemon.smith@org.example", "Question")).isNull();
    }

    @Test
    void subjectsStartingWithOutOfOfficeWordsButWrittenByAPersonAreNotAutomatic() throws Exception {
        assertThat(reasonFor("paula@org.example", "Out of office hours outage: production repository down")).isNull();
        assertThat(reasonFor("paula@org.example", "Autoreply rules do not fire after the upgrade")).isNull();
        assertThat(reasonFor("paula@org.example", "Automatic reply templates missing in 2.0")).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Return-Path: <>                                     | empty return path (a bounce)
            Auto-Submitted: auto-generated                      | Auto-Submitted: auto-generated
            Precedence: bulk                                    | Precedence: bulk
            List-Id: Elena <elena.lists.example>                | List-Id header
            List-Unsubscribe: <mailto:leave@lists.example>      | List-Unsubscribe header
            List-Subscribe: <mailto:join@lists.example>         | List-Subscribe header
            List-Post: <mailto:elena@lists.example>             | List-Post header
            List-Help: <mailto:help@lists.example>              | List-Help header
            List-Owner: <mailto:owner@lists.example>            | List-Owner header
            List-Archive: <https://lists.example/elena>         | List-Archive header
            X-Loop: support@support.example                     | X-Loop header
            X-ML-Name: elena                                    | X-ML-Name header
            X-ML-Count: 123                                     | X-ML-Count header
            X-MLServer: fml [fml 4.0.3]                         | X-MLServer header
            Mailing-List: contact elena-help@lists.example; run by ezmlm | Mailing-List header
            X-Auto-Response-Suppress: OOF                       | X-Auto-Response-Suppress header
            X-HmXmrOriginalRecipient: <someone@hotmail.com>     | X-HmXmrOriginalRecipient header
            Content-Type: multipart/report; report-type=delivery-status; boundary=r | delivery status report
            Content-Type: multipart/report; report-type="feedback-report"; boundary=r | complaint report (ARF)
            Content-Type: multipart/report; report-type=disposition-notification; boundary=r | delivery or read report
            Content-Type: multipart/report                      | delivery or read report
            Content-Type: message/feedback-report               | complaint report (ARF)
            """)
    void r5_eachAutomaticHeaderIsRecognisedFromTheHeadersAlone(String header, String reason) {
        assertThat(LoopGuard.fromHeaders(raw("From: paula@org.example", header, "In-Reply-To:")))
                .isEqualTo(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAILER-DAEMON@mx.org.example", "postmaster@org.example", "elena-admin@lists.example",
            "elena-owner@lists.example", "elena-request@lists.example", "owner-elena@lists.example",
            "elena-bounces@lists.example", "elena-bounces+paula=org.example@lists.example", "staff@hotmail.com"})
    void r5_robotSendersAreRecognisedFromTheHeadersAlone(String sender) {
        assertThat(LoopGuard.fromHeaders(raw("From: " + sender))).isEqualTo("sent by " + sender);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAILER-DAEMON <>", "Mail Delivery Subsystem <>", "MAILER-DAEMON",
            "postmaster (Mail System)"})
    void r5_robotSendersWithoutAUsableAddressAreRecognisedFromTheHeadersAlone(String from) {
        assertThat(LoopGuard.fromHeaders(raw("From: " + from))).isEqualTo("sent by " + from);
    }

    @Test
    void r5_aBrokenBodyOrFromDoesNotHideAutomaticHeaders() {
        byte[] raw = raw("From: <<<not an address", "List-Id: <elena.lists.example>",
                "Content-Type: multipart/mixed; boundary=");
        assertThat(LoopGuard.fromHeaders(raw)).isEqualTo("List-Id header");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Auto-Submitted: no", "Precedence: first-class", "X-Mailer: Microsoft Outlook 16.0",
            "Return-Path: <paula@org.example>", "Content-Type: multipart/mixed; boundary=b", "In-Reply-To:",
            "X-Mailing-Address: 1 Main Street"})
    void r5_aPersonsHeadersAreNotAutomatic(String header) {
        assertThat(LoopGuard.fromHeaders(raw("From: Paula <paula@org.example>", header))).isNull();
    }

    @Test
    void r5_onlyTheTopLevelHeadersCount() {
        byte[] raw = raw("From: paula@org.example", "Content-Type: multipart/mixed; boundary=b");
        byte[] withPart = (new String(raw, java.nio.charset.StandardCharsets.UTF_8)
                + "--b\r\nList-Id: <quoted.lists.example>\r\n\r\nforwarded\r\n--b--\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(LoopGuard.fromHeaders(withPart)).isNull();
    }

    private static byte[] raw(String... headers) {
        StringBuilder raw = new StringBuilder();
        for (String header : headers) {
            raw.append(header).append("\r\n");
        }
        raw.append("To: support@support.example\r\nSubject: Hello\r\n\r\nBody\r\n");
        return raw.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String reasonFor(String from, String subject, String... headers) throws Exception {
        return LoopGuard.automaticReason(message(from, subject, headers), new InternetAddress(from));
    }

    private static MimeMessage message(String from, String subject, String... headers) throws Exception {
        StringBuilder raw = new StringBuilder();
        raw.append("From: ").append(from).append("\r\n");
        raw.append("To: support@support.example\r\n");
        raw.append("Subject: ").append(subject).append("\r\n");
        raw.append("Message-ID: <m1@org.example>\r\n");
        boolean contentType = false;
        for (String header : headers) {
            raw.append(header).append("\r\n");
            contentType |= header.toLowerCase().startsWith("content-type");
        }
        if (!contentType) {
            raw.append("Content-Type: text/plain; charset=UTF-8\r\n");
        }
        raw.append("\r\nBody\r\n");
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
