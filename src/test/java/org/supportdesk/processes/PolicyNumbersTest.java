package org.supportdesk.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Issue #15: each policy number lives in one place, the timer's expression in the diagram. Where a timer's name says
 * a number too ("Reminder 2: 5 business days", "No response in 1 hour", "Every 30 minutes"), it must be the
 * expression's, so an analyst who changes one and forgets the other finds out before deploying.
 */
class PolicyNumbersTest {

    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final Pattern BUSINESS_DAYS_IN_NAME = Pattern.compile("(\\d+)(?: more)? business days?");
    static final Pattern BUSINESS_DAYS_IN_EXPRESSION =
            Pattern.compile("plusBusinessDays\\(execution, *\\w+, *(\\d+)\\)");
    static final Pattern HOURS_IN_NAME = Pattern.compile("(\\d+)[ -]hours?");
    static final Pattern MINUTES_IN_NAME = Pattern.compile("(\\d+) minutes?");
    static final Pattern ISO_DURATION = Pattern.compile("PT(?:(\\d+)H)?(?:(\\d+)M)?");

    /** A timer event: its id, name and time expression. */
    record Timer(String file, String id, String name, String expression) {
    }

    @Test
    void everyNumberATimersNameStatesIsTheNumberOfItsExpression() throws Exception {
        List<Timer> timers = timers();
        assertThat(timers).extracting(Timer::id)
                .contains("Timer_FirstReminder", "Timer_SecondReminder", "Timer_AutoClose", "Timer_Sev1ResponseDue",
                        "Timer_PagingCycle");
        List<String> disagreements = new ArrayList<>();
        for (Timer timer : timers) {
            String name = timer.name() == null ? "" : timer.name();
            check(disagreements, timer, BUSINESS_DAYS_IN_NAME.matcher(name), businessDays(timer.expression()),
                    "business days");
            Long[] duration = duration(timer.expression());
            check(disagreements, timer, HOURS_IN_NAME.matcher(name), duration[0], "hours");
            check(disagreements, timer, MINUTES_IN_NAME.matcher(name), duration[1], "minutes");
        }
        assertThat(disagreements).as("names that repeat a number differently from their expression").isEmpty();
    }

    @Test
    void theRemindersAndTheAutoCloseEachCountTheirOwnDaysFromWhenPendingBegan() throws Exception {
        assertThat(timers()).filteredOn(t -> t.id().matches("Timer_(First|Second)Reminder|Timer_AutoClose"))
                .extracting(Timer::id, t -> businessDays(t.expression()))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("Timer_FirstReminder", 2L),
                        org.assertj.core.groups.Tuple.tuple("Timer_SecondReminder", 5L),
                        org.assertj.core.groups.Tuple.tuple("Timer_AutoClose", 10L));
    }

    private static void check(List<String> disagreements, Timer timer, Matcher inName, Long inExpression,
                              String unit) {
        if (inName.find() && (inExpression == null || Long.parseLong(inName.group(1)) != inExpression)) {
            disagreements.add(timer.file() + " " + timer.id() + ": the name \"" + timer.name() + "\" says "
                    + inName.group(1) + " " + unit + ", the expression " + timer.expression() + " says "
                    + (inExpression == null ? "none" : inExpression));
        }
    }

    private static Long businessDays(String expression) {
        Matcher days = BUSINESS_DAYS_IN_EXPRESSION.matcher(expression);
        return days.find() ? Long.valueOf(days.group(1)) : null;
    }

    /** Hours and minutes of an ISO duration (PT1H, R/PT30M), each null when absent. */
    private static Long[] duration(String expression) {
        Matcher iso = ISO_DURATION.matcher(expression);
        if (!iso.find()) {
            return new Long[2];
        }
        return new Long[]{iso.group(1) == null ? null : Long.valueOf(iso.group(1)),
                iso.group(2) == null ? null : Long.valueOf(iso.group(2))};
    }

    private static List<Timer> timers() throws Exception {
        List<Timer> timers = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                Document document = factory.newDocumentBuilder().parse(file.toFile());
                NodeList definitions = document.getElementsByTagNameNS(BPMN, "timerEventDefinition");
                for (int i = 0; i < definitions.getLength(); i++) {
                    Element definition = (Element) definitions.item(i);
                    Element event = (Element) definition.getParentNode();
                    String expression = definition.getTextContent().strip();
                    timers.add(new Timer(file.getFileName().toString(), event.getAttribute("id"),
                            event.hasAttribute("name") ? event.getAttribute("name") : null, expression));
                }
            }
        }
        return timers;
    }
}
