package org.supportdesk.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every name the Java side uses of a deployed diagram ({@code org.supportdesk.processes}) is in that diagram: a
 * process key is a process's id, an activity, event or timer constant an element's id, a message constant a message's
 * name, a decision constant a decision's id. Renaming an element in Modeler fails here, not silently in Java.
 */
class DiagramNamesTest {

    static final Path DIAGRAMS = Path.of("processes");

    /** The classes of names: each diagram class names its file in {@code FILE}. */
    static List<Class<?>> nameClasses() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.supportdesk.processes").stream()
                .filter(type -> type.getPackageName().equals("org.supportdesk.processes") && type.isTopLevelClass()
                        && !type.getSimpleName().equals("package-info"))
                .map(JavaClass::reflect)
                .toList();
    }

    @Test
    void everyConstantNamesAnElementOfItsDiagram() throws Exception {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Class<?> names : nameClasses()) {
            List<Field> constants = stringConstants(names);
            if (names == Decisions.class) {
                Set<String> decisions = new HashSet<>();
                for (Path dmn : files(".dmn")) {
                    decisions.addAll(attributes(parse(dmn), "decision", "id"));
                }
                for (Field constant : constants) {
                    checked++;
                    if (!decisions.contains((String) constant.get(null))) {
                        missing.add(names.getSimpleName() + "." + constant.getName() + " = " + constant.get(null)
                                + ": no decision of that id in " + DIAGRAMS);
                    }
                }
                continue;
            }
            Field file = constants.stream().filter(f -> f.getName().equals("FILE")).findFirst().orElse(null);
            if (file == null) {
                assertThat(constants).as(names.getName() + " names things without a FILE").isEmpty();
                continue;
            }
            Document diagram = parse(DIAGRAMS.resolve((String) file.get(null)));
            Set<String> processes = attributes(diagram, "process", "id");
            Set<String> ids = attributes(diagram, "*", "id");
            Set<String> messages = attributes(diagram, "message", "name");
            for (Field constant : constants) {
                String value = (String) constant.get(null);
                String name = names.getSimpleName() + "." + constant.getName() + " = " + value;
                if (constant.getName().equals("FILE")) {
                    continue;
                }
                checked++;
                if (constant.getName().equals("PROCESS_KEY") ? !processes.contains(value)
                        : !ids.contains(value) && !messages.contains(value)) {
                    missing.add(name + ": not in " + file.get(null));
                }
            }
        }
        assertThat(missing).as("names the Java side uses that the diagrams do not have").isEmpty();
        assertThat(checked).as("constants checked").isGreaterThan(20);
    }

    @Test
    void theTicketsProcessesAreDiagrams() throws Exception {
        Set<String> processes = new HashSet<>();
        for (Path bpmn : files(".bpmn")) {
            processes.addAll(attributes(parse(bpmn), "process", "id"));
        }
        assertThat(processes).containsAll(TicketProcesses.KEYS);
    }

    /** The check can fail: a name not in the diagram is missing from it. */
    @Test
    void aRenamedElementIsMissing() throws Exception {
        Document diagram = parse(DIAGRAMS.resolve(SupportTicketDiagram.FILE));
        assertThat(attributes(diagram, "*", "id")).contains(SupportTicketDiagram.WORK_TASK)
                .doesNotContain(SupportTicketDiagram.WORK_TASK + "Renamed");
    }

    private static List<Field> stringConstants(Class<?> names) {
        return Stream.of(names.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers())
                        && f.getType() == String.class)
                .toList();
    }

    private static List<Path> files(String extension) throws Exception {
        try (Stream<Path> files = Files.list(DIAGRAMS)) {
            return files.filter(f -> f.toString().endsWith(extension)).sorted().toList();
        }
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    /** The values of an attribute on every element of that local name ({@code *}: any element). */
    private static Set<String> attributes(Document document, String localName, String attribute) {
        Set<String> values = new HashSet<>();
        NodeList elements = document.getElementsByTagNameNS("*", localName);
        for (int i = 0; i < elements.getLength(); i++) {
            String value = ((Element) elements.item(i)).getAttribute(attribute);
            if (!value.isEmpty()) {
                values.add(value);
            }
        }
        return values;
    }
}
