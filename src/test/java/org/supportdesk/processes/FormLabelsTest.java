package org.supportdesk.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.supportdesk.catalog.Product;
import org.supportdesk.portal.Labels;
import org.supportdesk.staff.StaffGroup;
import org.supportdesk.ticket.Priority;
import org.supportdesk.ticket.Topic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The agents' forms name every code as the rest of the desk does: a product, topic and priority as the portal and the
 * staff pages show them, a team by its group's name — the same on every form.
 */
class FormLabelsTest {

    private final Labels labels = new Labels();

    @Test
    void everyOptionOfEveryFormIsLabelledAsTheDeskNamesIt() throws Exception {
        Map<String, Map<String, String>> expected = Map.of(
                "product", byCode(Product.values(), p -> labels.product((Product) p)),
                "topic", byCode(Topic.values(), t -> labels.topic((Topic) t)),
                "priority", byCode(Priority.values(), p -> labels.priority((Priority) p)),
                "newPriority", byCode(Priority.values(), p -> labels.priority((Priority) p)),
                "team", teams(),
                "newTeam", teams());
        List<String> checked = new ArrayList<>();
        try (Stream<Path> forms = Files.list(Path.of("forms"))) {
            for (Path form : forms.toList()) {
                for (JsonNode field : new ObjectMapper().readTree(form.toFile()).path("components")) {
                    Map<String, String> codes = expected.get(field.path("key").asText());
                    if (codes == null) {
                        continue;
                    }
                    for (JsonNode option : field.path("values")) {
                        assertThat(option.path("label").asText())
                                .as("%s: %s option %s", form.getFileName(), field.path("key").asText(),
                                        option.path("value").asText())
                                .isEqualTo(codes.get(option.path("value").asText()));
                        checked.add(form.getFileName() + ":" + field.path("key").asText());
                    }
                }
            }
        }
        assertThat(checked).as("the triage and work forms' selects")
                .contains("triage-ticket.form:product", "triage-ticket.form:topic", "triage-ticket.form:priority",
                        "triage-ticket.form:team", "work-ticket.form:newPriority", "work-ticket.form:newTeam");
    }

    @Test
    void noFormShowsTheTicketAsDisabledFields() throws Exception {
        try (Stream<Path> forms = Files.list(Path.of("forms"))) {
            for (Path form : forms.toList()) {
                for (JsonNode field : new ObjectMapper().readTree(form.toFile()).path("components")) {
                    assertThat(field.path("disabled").asBoolean(false))
                            .as("%s: %s is shown in the Ticket tab, not as a disabled field", form.getFileName(),
                                    field.path("key").asText()).isFalse();
                }
            }
        }
    }

    private static Map<String, String> teams() {
        Map<String, String> names = new LinkedHashMap<>();
        StaffGroup.teams().forEach(team -> names.put(team.id(), team.displayName()));
        return names;
    }

    private static Map<String, String> byCode(Enum<?>[] codes, java.util.function.Function<Enum<?>, String> label) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Enum<?> code : codes) {
            names.put(code.name(), label.apply(code));
        }
        return names;
    }
}
