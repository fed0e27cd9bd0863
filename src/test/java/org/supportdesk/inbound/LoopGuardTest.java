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
                .isEqualTo("delivery or read report");
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
