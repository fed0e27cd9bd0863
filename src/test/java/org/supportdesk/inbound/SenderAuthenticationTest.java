package org.supportdesk.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 8601 without Spring: a sender is verified only by the topmost Authentication-Results header of the desk's own
 * receiving server, when DMARC, or SPF or DKIM aligned with the From domain, passed.
 */
class SenderAuthenticationTest {

    static final String PAULA = "paula@acme.example";

    private final SenderAuthentication authentication = new SenderAuthentication(List.of("mx.support.example"));

    private SenderAuthentication.Verdict check(String... headers) {
        return authentication.check(List.of(headers), List.of(PAULA));
    }

    @Test
    void dmarcPassForTheFromDomainVerifiesTheSender() {
        SenderAuthentication.Verdict verdict = check("mx.support.example; dmarc=pass header.from=acme.example");

        assertThat(verdict.verified()).isTrue();
        assertThat(verdict.reason()).isEqualTo("dmarc=pass for acme.example by mx.support.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fail", "none", "softfail", "neutral", "temperror", "permerror", "policy"})
    void dmarcOtherThanPassDoesNotVerify(String result) {
        SenderAuthentication.Verdict verdict = check("mx.support.example; dmarc=" + result
                + " header.from=acme.example");

        assertThat(verdict.verified()).isFalse();
        assertThat(verdict.reason()).isEqualTo("dmarc=" + result + " (Authentication-Results from"
                + " mx.support.example)");
    }

    @Test
    void noHeaderAtAllDoesNotVerify() {
        SenderAuthentication.Verdict verdict = check();

        assertThat(verdict.verified()).isFalse();
        assertThat(verdict.reason()).isEqualTo("no Authentication-Results from mx.support.example");
    }

    @Test
    void aHeaderThatSaysNoneDoesNotVerify() {
        SenderAuthentication.Verdict verdict = check("mx.support.example 1; none");

        assertThat(verdict.verified()).isFalse();
        assertThat(verdict.reason()).isEqualTo("none (Authentication-Results from mx.support.example)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            spf=pass smtp.mailfrom=paula@acme.example                 | true
            spf=pass smtp.mailfrom=acme.example                       | true
            spf=pass smtp.mailfrom=bounces@mail.acme.example          | true
            spf=pass smtp.mailfrom=bounces@evil.example               | false
            spf=pass smtp.mailfrom=bounces@acme.example.evil.example  | false
            spf=pass smtp.mailfrom=bounces@notacme.example            | false
            spf=pass smtp.helo=mail.acme.example                      | false
            spf=softfail smtp.mailfrom=paula@acme.example             | false
            spf=neutral smtp.mailfrom=paula@acme.example              | false
            spf=none smtp.mailfrom=paula@acme.example                 | false
            spf=fail smtp.mailfrom=paula@acme.example                 | false
            dkim=pass header.d=acme.example                           | true
            dkim=pass header.d=mail.acme.example                      | true
            dkim=pass header.i=@acme.example                          | true
            dkim=pass header.i=paula@eu.acme.example                  | true
            dkim=pass header.d=evil.example header.i=@evil.example    | false
            dkim=pass header.d=example                                | false
            dkim=pass                                                 | false
            dkim=fail header.d=acme.example                           | false
            dkim=neutral header.d=acme.example                        | false
            dkim=pass header.d=ACME.Example.                          | true
            dmarc=pass header.from=evil.example                       | false
            dmarc=pass                                                | false
            """)
    void spfAndDkimVerifyOnlyWhenAlignedWithTheFromDomain(String result, boolean verified) {
        assertThat(check("mx.support.example; " + result).verified()).isEqualTo(verified);
    }

    @Test
    void aPassForAnotherDomainSaysWhyItDoesNotCount() {
        SenderAuthentication.Verdict verdict = check(
                "mx.support.example; spf=pass smtp.mailfrom=bounce@evil.example; dkim=pass header.d=evil.example");

        assertThat(verdict.verified()).isFalse();
        assertThat(verdict.reason()).isEqualTo("spf=pass for evil.example, not aligned with acme.example,"
                + " dkim=pass for evil.example, not aligned with acme.example"
                + " (Authentication-Results from mx.support.example)");
    }

    @Test
    void aSubdomainFromAlignsWithItsParentsSignature() {
        SenderAuthentication.Verdict verdict = authentication.check(
                List.of("mx.support.example; dkim=pass header.d=acme.example"), List.of("paula@eu.acme.example"));

        assertThat(verdict.verified()).isTrue();
    }

    @Test
    void oneOfSeveralResultsInOneHeaderIsEnough() {
        assertThat(check("mx.support.example; spf=softfail smtp.mailfrom=acme.example;"
                + " dkim=fail header.d=acme.example; dkim=pass header.d=acme.example; dmarc=fail header.from=acme.example")
                .verified()).isTrue();
    }

    @Test
    void headersOfOtherServersAreIgnored() {
        SenderAuthentication.Verdict verdict = check("mx.attacker.example; dmarc=pass header.from=acme.example",
                "mx.support.example.attacker.example; dmarc=pass header.from=acme.example",
                "support.example; dmarc=pass header.from=acme.example");

        assertThat(verdict.verified()).isFalse();
        assertThat(verdict.reason()).isEqualTo("no Authentication-Results from mx.support.example");
    }

    @Test
    void onlyTheTopmostHeaderOfOurServerCountsNotAForgedOneBelowIt() {
        SenderAuthentication.Verdict verdict = check(
                "mx.support.example; dmarc=fail header.from=acme.example",
                "mx.support.example; dmarc=pass header.from=acme.example");

        assertThat(verdict.verified()).isFalse();
        assertThat(verdict.reason()).startsWith("dmarc=fail");
    }

    @Test
    void ourTopmostHeaderCountsBelowAHeaderOfAnotherServer() {
        assertThat(check("mx.attacker.example; dmarc=fail header.from=acme.example",
                "mx.support.example; dmarc=pass header.from=acme.example").verified()).isTrue();
    }

    @Test
    void anotherServersPassOnTopDoesNotHideOurFail() {
        assertThat(check("mx.attacker.example; dmarc=pass header.from=acme.example",
                "mx.support.example; dmarc=fail header.from=acme.example").verified()).isFalse();
    }

    @Test
    void theAuthservIdIsCaseInsensitiveAndMayBeQuotedOrVersioned() {
        assertThat(check("MX.Support.Example; dmarc=pass header.from=acme.example").verified()).isTrue();
        assertThat(check("\"mx.support.example\" 1; dmarc=pass header.from=acme.example").verified()).isTrue();
        assertThat(new SenderAuthentication(List.of(" MX.SUPPORT.EXAMPLE ", ""))
                .check(List.of("mx.support.example; dmarc=pass header.from=acme.example"), List.of(PAULA))
                .verified()).isTrue();
    }

    @Test
    void methodsResultsAndPropertiesAreCaseInsensitive() {
        assertThat(check("mx.support.example; DMARC=Pass Header.From=Acme.Example").verified()).isTrue();
    }

    @Test
    void commentsAreWhiteSpaceWhereverTheyAre() {
        assertThat(check("mx.support.example (our MX; trusted);"
                + " dmarc=fail (p=reject; dis=none (nested \\) paren)) header.from=acme.example").verified()).isFalse();
        assertThat(check("mx.support.example (ours); dmarc(the policy check)=(yes)pass (p=none)"
                + " header.from(the From domain)=acme.example").verified()).isTrue();
    }

    @Test
    void aCommentCannotSmuggleAPassOrASemicolon() {
        assertThat(check("mx.support.example; dmarc=fail (dmarc=pass header.from=acme.example)"
                + " header.from=acme.example").verified()).isFalse();
        assertThat(check("mx.support.example; spf=fail (; dmarc=pass header.from=acme.example)"
                + " smtp.mailfrom=acme.example").verified()).isFalse();
    }

    @Test
    void aQuotedValueIsReadWithoutItsQuotes() {
        assertThat(check("mx.support.example; dkim=pass reason=\"good; signature (2048 bits)\""
                + " header.d=\"acme.example\"").verified()).isTrue();
        assertThat(check("mx.support.example; dkim=fail reason=\"dkim=pass header.d=acme.example\"").verified())
                .isFalse();
    }

    @Test
    void foldedHeadersAndWhiteSpaceAroundTheSignsAreRead() {
        assertThat(check("mx.support.example;\r\n\tspf=softfail smtp.mailfrom=acme.example;\r\n"
                + "\tdmarc = pass  header . from = acme.example").verified()).isTrue();
    }

    @Test
    void aMethodVersionIsAllowed() {
        assertThat(check("mx.support.example; dkim/1=pass header.d=acme.example").verified()).isTrue();
    }

    @Test
    void aDkimSignatureValueWithEqualsSignsAndSlashesIsRead() {
        SenderAuthentication.Header header = SenderAuthentication.parse(
                "mx.support.example; dkim=pass header.d=acme.example header.b=Ab/cD+e=").orElseThrow();

        assertThat(header.results()).singleElement().satisfies(result -> {
            assertThat(result.method()).isEqualTo("dkim");
            assertThat(result.properties()).containsExactly(Map.entry("header.d", "acme.example"),
                    Map.entry("header.b", "Ab/cD+e="));
        });
    }

    @Test
    void garbageIsNoHeaderOfOurs() {
        assertThat(SenderAuthentication.parse("")).isEmpty();
        assertThat(SenderAuthentication.parse("; dmarc=pass header.from=acme.example")).isEmpty();
        assertThat(SenderAuthentication.parse("=pass")).isEmpty();
        assertThat(check("", "(just a comment)", ";;;", "mx.support.example; =pass; dmarc=; ;").verified())
                .isFalse();
    }

    @Test
    void anUnclosedCommentOrQuoteEndsTheHeader() {
        assertThat(check("mx.support.example; dmarc=fail header.from=acme.example (dmarc=pass").verified())
                .isFalse();
        assertThat(check("mx.support.example; dkim=fail reason=\"unfinished; dmarc=pass header.from=acme.example")
                .verified()).isFalse();
    }

    @Test
    void twoFromAddressesCannotBeVerified() {
        SenderAuthentication.Verdict verdict = authentication.check(
                List.of("mx.support.example; dmarc=pass header.from=evil.example"),
                List.of("mallory@evil.example", PAULA));

        assertThat(verdict.verified()).isFalse();
        assertThat(verdict.reason()).contains("2 From addresses");
    }

    @Test
    void withoutATrustedAuthservIdNothingIsVerified() {
        SenderAuthentication.Verdict verdict = new SenderAuthentication(List.of(""))
                .check(List.of("mx.support.example; dmarc=pass header.from=acme.example"), List.of(PAULA));

        assertThat(verdict.verified()).isFalse();
        assertThat(verdict.reason()).contains("authserv-ids");
    }

    @Test
    void anyOfSeveralTrustedServersMayVouch() {
        SenderAuthentication two = new SenderAuthentication(List.of("mx1.support.example", "mx2.support.example"));

        assertThat(two.check(List.of("mx2.support.example; dmarc=pass header.from=acme.example"), List.of(PAULA))
                .verified()).isTrue();
        assertThat(two.check(List.of(), List.of(PAULA)).reason())
                .isEqualTo("no Authentication-Results from mx1.support.example or mx2.support.example");
    }

    @Test
    void otherMethodsSayNothingAboutTheFromAddress() {
        assertThat(check("mx.support.example; iprev=pass policy.iprev=192.0.2.1; auth=pass smtp.auth=paula;"
                + " arc=pass").verified()).isFalse();
    }

    @ParameterizedTest(name = "{0} and {1}: {2}")
    @CsvSource(textBlock = """
            acme.example,        acme.example,        true
            mail.acme.example,   acme.example,        true
            acme.example,        eu.acme.example,     true
            evil.example,        acme.example,        false
            example,             acme.example,        false
            cme.example,         acme.example,        false
            ,                    acme.example,        false
            acme.example..,      acme.example,        false
            """)
    void alignmentIsTheSameDomainOrOneASubdomainOfTheOther(String domain, String fromDomain, boolean aligned) {
        assertThat(SenderAuthentication.aligned(domain, fromDomain)).isEqualTo(aligned);
    }
}
