package org.supportdesk.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.EngineTime;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;
import org.supportdesk.portal.BrowserTests;
import org.supportdesk.ticket.TicketRepository;

/**
 * The satisfaction survey's links in a real browser (headless Chromium, profile {@code e2e}, issue #21): a person's
 * click on the mail's link records the rating without another click, since the page sends itself
 * ({@code js/survey.js}); without scripts, as for a mail scanner, the page shows the answer chosen and records
 * nothing until its button is pressed.
 */
@SupportDeskTest
class SurveyE2E extends BrowserTests {

    private static final Pattern LINK = Pattern.compile("(?m)^\\s*(Good|Bad):\\s+\\S*?(/survey/[^?\\s]+\\?rating=\\w+)$");

    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired Mailbox mailbox;
    @Autowired TicketRepository repository;
    @Autowired Satisfaction satisfaction;

    String rita;
    String carl;
    String number;

    @BeforeEach
    void aSolvedTicketWithACc() {
        browser.signOut();
        EngineTime.setNewYork("2026-12-01T10:00");
        TestFixtures.OrgFixture org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        rita = org.owner("rita");
        carl = org.contact("carl");
        Map<String, Object> request = Tickets.request();
        request.put("cc", List.of(carl));
        number = tickets.file(rita, request);
        tickets.triage(number, "NORMAL", "team-lifecycle");
        tickets.work(number, "SOLVE", "Fixed by the upgrade to 1.2.");
        mailbox.deliver();
    }

    @Test
    void aClickOnTheMailsLinkRecordsTheRatingByItselfAndTheOtherLinkChangesIt() {
        browser.open(links(rita).get("Good"));

        assertThat(browser.text("#survey-thanks")).contains("you rated " + number, "good");
        assertThat(ratings()).containsExactly(Map.entry(rita, Satisfaction.Rating.GOOD));

        browser.open(links(rita).get("Bad"));

        assertThat(browser.text("#survey-rating")).isEqualTo("bad");
        assertThat(ratings()).containsExactly(Map.entry(rita, Satisfaction.Rating.BAD));
        browser.type("#comment", "Took two tries.");
        browser.submit("form.card button[type=submit]");
        assertThat(browser.text("[role=status]")).isEqualTo("Thank you for your comment.");
        assertThat(satisfaction.of(id())).singleElement()
                .satisfies(given -> assertThat(given.comment()).isEqualTo("Took two tries."));
    }

    @Test
    void withoutScriptsTheLinkShowsTheAnswerChosenAndRecordsNothingUntilTheButtonIsPressed() {
        scripts(false);
        try {
            browser.open(links(carl).get("Bad"));

            assertThat(browser.find("#rating-bad").isSelected()).isTrue();
            assertThat(browser.find("#rating-good").isSelected()).isFalse();
            assertThat(browser.text("#survey-hint")).contains("send it with the button");
            assertThat(ratings()).isEmpty();

            browser.submit("#survey-send");

            assertThat(browser.text("#survey-rating")).isEqualTo("bad");
            assertThat(ratings()).containsExactly(Map.entry(carl, Satisfaction.Rating.BAD));
        } finally {
            scripts(true);
        }
    }

    /** Chromium with scripts switched off, as a mail scanner that fetches pages without running them. */
    private static void scripts(boolean on) {
        ((org.openqa.selenium.chrome.ChromeDriver) browser.driver()).executeCdpCommand(
                "Emulation.setScriptExecutionDisabled", Map.of("value", !on));
    }

    private Map<String, String> links(String person) {
        List<Mailbox.Mail> solved = mailbox.to(person, "Solved:");
        assertThat(solved).hasSize(1);
        Map<String, String> links = new java.util.HashMap<>();
        Matcher m = LINK.matcher(solved.get(0).body());
        while (m.find()) {
            links.put(m.group(1), m.group(2));
        }
        assertThat(links).containsKeys("Good", "Bad");
        return links;
    }

    private Map<String, Satisfaction.Rating> ratings() {
        Map<String, Satisfaction.Rating> ratings = new java.util.LinkedHashMap<>();
        satisfaction.of(id()).forEach(given -> ratings.put(given.email(), given.rating()));
        return ratings;
    }

    private long id() {
        return repository.findByNumber(number).orElseThrow().id();
    }
}
