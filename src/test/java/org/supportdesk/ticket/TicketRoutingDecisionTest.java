package org.supportdesk.ticket;

import org.supportdesk.catalog.ConcernType;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.catalog.Product;

/**
 * R10/R11: the deployed {@code ticket-routing} table decides the team queue and the initial priority. The tests
 * evaluate the table the engine runs, with the inputs the process passes (enum names; {@code null} where an emailed
 * ticket states no product or topic).
 */
@SupportDeskTest
class TicketRoutingDecisionTest {

    private static final String[] TECHNICAL_TOPICS =
            {"INSTALLATION_UPGRADE", "CONFIGURATION", "PERFORMANCE", "SECURITY", "INTEGRATIONS"};

    @Autowired DecisionService decisions;

    @ParameterizedTest(name = "{0} account change goes to team-accounts as NORMAL")
    @MethodSource("everyProductIncludingNone")
    void accountChangesGoToTheAccountTeamWhateverTheProduct(String product) {
        assertThat(route(product, "LICENSING", "CUSTOMER_ACCOUNT_CHANGE", "NORMAL"))
                .isEqualTo(routing("team-accounts", "NORMAL"));
        assertThat(route(product, "CONFIGURATION", "CUSTOMER_ACCOUNT_CHANGE", "HIGH"))
                .as("stated high impact does not raise an account change")
                .isEqualTo(routing("team-accounts", "NORMAL"));
        assertThat(route(product, null, "CUSTOMER_ACCOUNT_CHANGE", "NORMAL"))
                .isEqualTo(routing("team-accounts", "NORMAL"));
    }

    @ParameterizedTest(name = "outage on {0} → {1} URGENT")
    @CsvSource(nullValues = "none", value = {
            "REPOSITORY_MANAGER, team-repository",
            "LIFECYCLE,          team-lifecycle",
            "FIREWALL,           team-lifecycle",
            "none,               team-general"})
    void criticalOutagesAreUrgentForEveryProduct(String product, String team) {
        assertThat(route(product, "PERFORMANCE", "CRITICAL_OUTAGE", "NORMAL")).isEqualTo(routing(team, "URGENT"));
        assertThat(route(product, "LICENSING", "CRITICAL_OUTAGE", "HIGH")).isEqualTo(routing(team, "URGENT"));
        assertThat(route(product, null, "CRITICAL_OUTAGE", "NORMAL")).isEqualTo(routing(team, "URGENT"));
    }

    @ParameterizedTest(name = "{0} / {1} with {2} impact → {3} {4}")
    @MethodSource("technicalTopics")
    void technicalTopicsGoToTheProductTeamAndHighImpactRaisesThePriority(String product, String topic, String impact,
                                                                        String team, String priority) {
        assertThat(route(product, topic, "PROBLEM", impact)).isEqualTo(routing(team, priority));
        assertThat(route(product, topic, "QUESTION", impact)).isEqualTo(routing(team, priority));
    }

    @ParameterizedTest(name = "{0} topic goes to team-general")
    @CsvSource({"LICENSING", "OTHER"})
    void licensingAndOtherTopicsGoToTheGeneralQueue(String topic) {
        for (String product : new String[]{"REPOSITORY_MANAGER", "LIFECYCLE", "FIREWALL", null}) {
            assertThat(route(product, topic, "QUESTION", "NORMAL")).as("%s / %s", product, topic)
                    .isEqualTo(routing("team-general", "NORMAL"));
            assertThat(route(product, topic, "PROBLEM", "HIGH")).as("%s / %s high impact", product, topic)
                    .isEqualTo(routing("team-general", "HIGH"));
        }
    }

    @Test
    void anEmailWithoutProductOrTopicGoesToTheGeneralQueue() {
        assertThat(route(null, null, "OTHER", "NORMAL")).isEqualTo(routing("team-general", "NORMAL"));
        assertThat(route(null, null, "PROBLEM", "NORMAL")).isEqualTo(routing("team-general", "NORMAL"));
    }

    @Test
    void anEmailWithoutProductOrTopicButHighImpactIsHigh() {
        assertThat(route(null, null, "PROBLEM", "HIGH")).isEqualTo(routing("team-general", "HIGH"));
    }

    @ParameterizedTest(name = "{0} without a product goes to team-general")
    @EnumSource(value = Topic.class, names = {"INSTALLATION_UPGRADE", "CONFIGURATION", "PERFORMANCE", "SECURITY",
            "INTEGRATIONS"})
    void aTechnicalTopicWithoutProductGoesToTheGeneralQueue(Topic topic) {
        assertThat(route(null, topic.name(), "PROBLEM", "NORMAL")).isEqualTo(routing("team-general", "NORMAL"));
        assertThat(route(null, topic.name(), "PROBLEM", "HIGH")).isEqualTo(routing("team-general", "HIGH"));
    }

    @ParameterizedTest(name = "{0} without a topic goes to team-general")
    @EnumSource(Product.class)
    void aProductWithoutTopicGoesToTheGeneralQueue(Product product) {
        assertThat(route(product.name(), null, "PROBLEM", "NORMAL")).isEqualTo(routing("team-general", "NORMAL"));
        assertThat(route(product.name(), null, "PROBLEM", "HIGH")).isEqualTo(routing("team-general", "HIGH"));
    }

    @Test
    void everyCombinationTheWebFormAllowsIsRoutedToAKnownTeamWithAPriority() {
        for (String product : everyProductIncludingNone().toList()) {
            for (Topic topic : Topic.values()) {
                for (ConcernType concern : ConcernType.values()) {
                    for (BusinessImpact impact : BusinessImpact.values()) {
                        Map<String, Object> result = route(product, topic.name(), concern.name(), impact.name());
                        assertThat(result.get("team")).as("%s %s %s %s", product, topic, concern, impact)
                                .isIn("team-repository", "team-lifecycle", "team-general", "team-accounts");
                        assertThat(result.get("priority")).as("%s %s %s %s", product, topic, concern, impact)
                                .isIn("URGENT", "HIGH", "NORMAL");
                    }
                }
            }
        }
    }

    static Stream<String> everyProductIncludingNone() {
        return Stream.of("REPOSITORY_MANAGER", "LIFECYCLE", "FIREWALL", null);
    }

    static Stream<Arguments> technicalTopics() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (String topic : TECHNICAL_TOPICS) {
            cases.add(Arguments.of("REPOSITORY_MANAGER", topic, "NORMAL", "team-repository", "NORMAL"));
            cases.add(Arguments.of("REPOSITORY_MANAGER", topic, "HIGH", "team-repository", "HIGH"));
            cases.add(Arguments.of("LIFECYCLE", topic, "NORMAL", "team-lifecycle", "NORMAL"));
            cases.add(Arguments.of("LIFECYCLE", topic, "HIGH", "team-lifecycle", "HIGH"));
            cases.add(Arguments.of("FIREWALL", topic, "NORMAL", "team-lifecycle", "NORMAL"));
            cases.add(Arguments.of("FIREWALL", topic, "HIGH", "team-lifecycle", "HIGH"));
        }
        return cases.build();
    }

    private Map<String, Object> route(String product, String topic, String concernType, String businessImpact) {
        VariableMap inputs = Variables.createVariables()
                .putValue("product", product)
                .putValue("topic", topic)
                .putValue("concernType", concernType)
                .putValue("businessImpact", businessImpact);
        // FIRST hit policy: exactly one result, as the business rule task's singleResult mapping expects
        DmnDecisionResultEntries result = decisions.evaluateDecisionByKey("ticket-routing").variables(inputs)
                .evaluate().getSingleResult();
        return result.getEntryMap();
    }

    private static Map<String, Object> routing(String team, String priority) {
        return Map.of("team", team, "priority", priority);
    }
}
