package org.supportdesk.policy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The deployment gate's reading of one file: a diagram (BPMN), a decision (DMN) or a form. Every element and
 * attribute the engine would act on must be in the policy vocabulary ({@link Vocabulary}); anything else is a
 * {@link Finding}. The check is a list of what is allowed, not of what is known to be dangerous: an extension the
 * engine reads and this class does not know is refused.
 */
final class ModelCheck {

    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String CAMUNDA_BPMN = "http://camunda.org/schema/1.0/bpmn";
    /** The engine still reads Activiti's extension namespace as its own. */
    static final String ACTIVITI = "http://activiti.org/bpmn";
    static final String CAMUNDA_DMN = "http://camunda.org/schema/1.0/dmn";
    private static final Set<String> DMN = Set.of("http://www.omg.org/spec/DMN/20151101/dmn.xsd",
            "http://www.omg.org/spec/DMN/20180521/MODEL/", "https://www.omg.org/spec/DMN/20191111/MODEL/",
            "https://www.omg.org/spec/DMN/20230324/MODEL/");
    private static final Set<String> FEEL = Set.of("feel", "http://www.omg.org/spec/FEEL/20140401",
            "http://www.omg.org/spec/DMN/20180521/FEEL/", "https://www.omg.org/spec/DMN/20191111/FEEL/",
            "https://www.omg.org/spec/DMN/20211108/FEEL/", "https://www.omg.org/spec/DMN/20230324/FEEL/");

    /** BPMN elements that hold code or hand work to people outside the desk's groups. */
    private static final Map<String, String> REFUSED_BPMN = Map.of(
            "scriptTask", "script tasks run code; use a service task with a published step",
            "script", "scripts run code; use a published step or function",
            "humanPerformer", "tasks go to the desk's groups (camunda:candidateGroups), not to named people",
            "potentialOwner", "tasks go to the desk's groups with camunda:candidateGroups",
            "performer", "tasks go to the desk's groups with camunda:candidateGroups");

    /** Camunda extension elements a diagram may use. */
    private static final Set<String> CAMUNDA_ELEMENTS = Set.of("inputOutput", "inputParameter", "outputParameter",
            "list", "map", "entry", "value", "in", "out", "taskListener", "executionListener", "properties",
            "property", "failedJobRetryTimeCycle");

    private static final Map<String, String> REFUSED_CAMUNDA_ELEMENTS = Map.of(
            "script", "scripts run code; use a published step or function",
            "connector", "connectors call other systems; use a published step",
            "field", "field injection changes a step's Java fields; give a step its inputs with camunda:inputParameter",
            "formData", "generated forms are not used: reference a Camunda Form with camunda:formRef",
            "formProperty", "generated forms are not used: reference a Camunda Form with camunda:formRef",
            "errorEventDefinition", "external tasks are not part of the policy");

    /** Camunda attributes a diagram may use; expressions in them are checked like every other. */
    private static final Set<String> CAMUNDA_ATTRIBUTES = Set.of("delegateExpression", "expression",
            "resultVariable", "assignee", "candidateGroups", "dueDate", "followUpDate", "priority", "formKey",
            "formRef", "formRefBinding", "formRefVersion", "asyncBefore", "asyncAfter", "async", "exclusive",
            "jobPriority", "taskPriority", "historyTimeToLive", "versionTag", "isStartableInTasklist",
            "candidateStarterGroups", "candidateStarterUsers", "initiator", "calledElementBinding",
            "calledElementVersion", "calledElementVersionTag", "calledElementTenantId", "decisionRef",
            "decisionRefBinding", "decisionRefVersion", "decisionRefVersionTag", "decisionRefTenantId",
            "mapDecisionResult", "errorCodeVariable", "errorMessageVariable", "escalationCodeVariable", "collection",
            "elementVariable", "variableName", "variableEvents",
            // on camunda:in/out, camunda:inputParameter, camunda:entry, camunda:taskListener (no namespace there,
            // listed for attributes written with the prefix)
            "source", "target", "sourceExpression", "variables", "local", "businessKey", "event", "name", "key");

    private static final Map<String, String> REFUSED_CAMUNDA_ATTRIBUTES = Map.of(
            "class", "Java classes are program, not policy: use a published step with camunda:delegateExpression",
            "type", "external tasks and connectors are not part of the policy: use a published step",
            "topic", "external tasks are not part of the policy: use a published step",
            "formHandlerClass", "Java classes are program, not policy",
            "variableMappingClass", "Java classes are program, not policy: map variables with camunda:in and camunda:out",
            "variableMappingDelegateExpression", "variable mapping code is not part of the policy: map variables with camunda:in and camunda:out",
            "candidateUsers", "tasks go to the desk's groups with camunda:candidateGroups, not to named people",
            "caseRef", "case models are not part of the policy",
            "resource", "scripts run code; use a published step or function");

    private final ExpressionCheck expressions;

    /** @param applicationBean whether a name is a bean of the application (those are not process variables) */
    ModelCheck(Predicate<String> applicationBean) {
        this.expressions = new ExpressionCheck(applicationBean);
    }

    /** What is wrong with one file of a deployment; empty when all of it is policy. */
    List<Finding> check(String resource, byte[] content) {
        String name = resource.toLowerCase(Locale.ROOT);
        if (Vocabulary.RESOURCE_SUFFIXES.stream().noneMatch(name::endsWith)) {
            return List.of(new Finding(resource, null, "only diagrams (.bpmn), decisions (.dmn) and forms (.form) "
                    + "may be deployed; see " + Vocabulary.DOCS));
        }
        if (name.endsWith(".form")) {
            return form(resource, content);
        }
        Document document;
        try {
            document = parse(content);
        } catch (SAXException | IOException notXml) {
            return List.of(new Finding(resource, null, "is not well-formed XML (" + notXml.getMessage()
                    + "); save it again from Modeler"));
        }
        Element root = document.getDocumentElement();
        List<Finding> findings = new ArrayList<>();
        if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
            dmn(resource, root, findings);
        } else {
            bpmn(resource, root, findings);
        }
        return findings;
    }

    // ---- BPMN

    private void bpmn(String resource, Element element, List<Finding> findings) {
        String namespace = String.valueOf(element.getNamespaceURI());
        String name = element.getLocalName();
        if (namespace.equals(BPMN)) {
            if (name.equals("definitions") || !name.startsWith("BPMN")) {
                bpmnElement(resource, element, name, findings);
            }
        } else if (namespace.equals(CAMUNDA_BPMN) || namespace.equals(ACTIVITI)) {
            if (!camundaElement(resource, element, name, findings)) {
                return;
            }
        } else {
            // diagram layout (BPMN DI), Modeler's colours, other products' extensions: the engine reads none of it
            return;
        }
        for (Element child : children(element)) {
            bpmn(resource, child, findings);
        }
    }

    private void bpmnElement(String resource, Element element, String name, List<Finding> findings) {
        String refused = REFUSED_BPMN.get(name);
        if (refused != null) {
            findings.add(new Finding(resource, id(element), "bpmn:" + name + ": " + refused));
            return;
        }
        if ((name.equals("conditionExpression") || name.equals("condition") || name.equals("completionCondition"))
                && element.hasAttribute("language")) {
            findings.add(new Finding(resource, id(element), "a condition in language `"
                    + element.getAttribute("language") + "` is a script; write it as an expression such as "
                    + "${agentAction == 'SOLVE'}"));
            return;
        }
        for (Attr attribute : attributes(element)) {
            String namespace = attribute.getNamespaceURI();
            if (CAMUNDA_BPMN.equals(namespace) || ACTIVITI.equals(namespace)) {
                camundaAttribute(resource, element, attribute, findings);
            } else if (namespace == null) {
                expression(resource, element, attribute.getName(), attribute.getValue(), findings);
            }
        }
        String text = ownText(element);
        if (!text.isBlank()) {
            expression(resource, element, "bpmn:" + name, text, findings);
        }
    }

    private void camundaAttribute(String resource, Element element, Attr attribute, List<Finding> findings) {
        String name = attribute.getLocalName();
        String value = attribute.getValue();
        String refused = REFUSED_CAMUNDA_ATTRIBUTES.get(name);
        if (refused != null) {
            findings.add(new Finding(resource, id(element), "camunda:" + name + ": " + refused + " ("
                    + Vocabulary.DOCS + ")"));
            return;
        }
        if (!CAMUNDA_ATTRIBUTES.contains(name)) {
            findings.add(new Finding(resource, id(element), "camunda:" + name + " is not part of the policy "
                    + "vocabulary (" + Vocabulary.DOCS + ")"));
            return;
        }
        switch (name) {
            case "delegateExpression" -> delegate(resource, element, value, Vocabulary.Use.STEP, findings);
            case "candidateGroups" -> candidateGroups(resource, element, value, findings);
            case "assignee" -> assignee(resource, element, value, findings);
            case "formKey" -> {
                if (!value.startsWith("camunda-forms:")) {
                    findings.add(new Finding(resource, id(element), "camunda:formKey: only Camunda Forms may be "
                            + "shown (camunda:formRef, or a formKey starting with camunda-forms:); embedded and "
                            + "external forms run their own code in the agents' browsers"));
                }
                expression(resource, element, "camunda:formKey", value, findings);
            }
            default -> expression(resource, element, "camunda:" + name, value, findings);
        }
    }

    /** @return whether to look into the element's children */
    private boolean camundaElement(String resource, Element element, String name, List<Finding> findings) {
        String refused = REFUSED_CAMUNDA_ELEMENTS.get(name);
        if (refused != null) {
            findings.add(new Finding(resource, id(element), "camunda:" + name + ": " + refused + " ("
                    + Vocabulary.DOCS + ")"));
            return false;
        }
        if (!CAMUNDA_ELEMENTS.contains(name)) {
            findings.add(new Finding(resource, id(element), "camunda:" + name + " is not part of the policy "
                    + "vocabulary (" + Vocabulary.DOCS + ")"));
            return false;
        }
        for (Attr attribute : attributes(element)) {
            String attributeName = attribute.getLocalName() != null ? attribute.getLocalName() : attribute.getName();
            String value = attribute.getValue();
            if (REFUSED_CAMUNDA_ATTRIBUTES.containsKey(attributeName)) {
                findings.add(new Finding(resource, id(element), "camunda:" + name + " " + attributeName + ": "
                        + REFUSED_CAMUNDA_ATTRIBUTES.get(attributeName) + " (" + Vocabulary.DOCS + ")"));
            } else if (attributeName.equals("delegateExpression")) {
                Vocabulary.Use use = name.equals("taskListener") ? Vocabulary.Use.TASK_LISTENER : null;
                if (use == null) {
                    findings.add(new Finding(resource, id(element), "camunda:" + name + ": no published step "
                            + "listens to executions; put the step on the path as a service task"));
                } else {
                    delegate(resource, element, value, use, findings);
                }
            } else if (!attributeName.startsWith("xmlns")) {
                expression(resource, element, "camunda:" + name + " " + attributeName, value, findings);
            }
        }
        String text = ownText(element);
        if (!text.isBlank()) {
            expression(resource, element, "camunda:" + name, text, findings);
        }
        return true;
    }

    private void delegate(String resource, Element element, String value, Vocabulary.Use use, List<Finding> findings) {
        String name = ExpressionCheck.delegateName(value).orElse(null);
        Vocabulary.Step step = name == null ? null : Vocabulary.step(name).orElse(null);
        if (step == null || step.use() != use) {
            findings.add(new Finding(resource, id(element), "camunda:delegateExpression may only name a published "
                    + (use == Vocabulary.Use.STEP ? "step" : "task listener") + " (" + Vocabulary.DOCS + ": "
                    + String.join(", ", Vocabulary.STEPS.stream().filter(s -> s.use() == use)
                    .map(s -> "${" + s.name() + "}").toList()) + "); found " + value));
        }
    }

    private void candidateGroups(String resource, Element element, String value, List<Finding> findings) {
        if (ExpressionCheck.isExpression(value)) {
            expression(resource, element, "camunda:candidateGroups", value, findings);
            return;
        }
        for (String group : value.split(",")) {
            if (!Vocabulary.TASK_GROUPS.contains(group.strip())) {
                findings.add(new Finding(resource, id(element), "camunda:candidateGroups: `" + group.strip()
                        + "` is not one of the desk's groups that work tasks (" + String.join(", ",
                        Vocabulary.TASK_GROUPS.stream().sorted().toList()) + ")"));
            }
        }
    }

    private void assignee(String resource, Element element, String value, List<Finding> findings) {
        if (ExpressionCheck.variableName(value).isEmpty()) {
            findings.add(new Finding(resource, id(element), "camunda:assignee may only be a process variable such "
                    + "as ${assignee}: tasks go to the desk's groups, and to whoever of them claims it; found "
                    + value));
            return;
        }
        expression(resource, element, "camunda:assignee", value, findings);
    }

    private void expression(String resource, Element element, String where, String value, List<Finding> findings) {
        if (!ExpressionCheck.isExpression(value)) {
            return;
        }
        for (String problem : expressions.check(value)) {
            findings.add(new Finding(resource, id(element), where + ": " + problem));
        }
    }

    // ---- DMN

    private static final Pattern FEEL_STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern FEEL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private void dmn(String resource, Element element, List<Finding> findings) {
        String namespace = String.valueOf(element.getNamespaceURI());
        if (DMN.contains(namespace)) {
            if (element.hasAttribute("expressionLanguage")
                    && !FEEL.contains(element.getAttribute("expressionLanguage").strip().toLowerCase(Locale.ROOT))
                    && !FEEL.contains(element.getAttribute("expressionLanguage").strip())) {
                findings.add(new Finding(resource, id(element), "expression language `"
                        + element.getAttribute("expressionLanguage") + "`: decisions are written in FEEL (remove "
                        + "the expression language, or choose FEEL in Modeler)"));
            }
            if (element.getLocalName().equals("text") && element.getParentNode() instanceof Element parent
                    && !parent.getLocalName().equals("inputValues") && !parent.getLocalName().equals("outputValues")) {
                feelNames(resource, parent, element.getTextContent(), findings);
            }
        } else if (namespace.equals(CAMUNDA_DMN)) {
            findings.add(new Finding(resource, id(element), "camunda:" + element.getLocalName()
                    + " is not part of the policy vocabulary (" + Vocabulary.DOCS + ")"));
            return;
        }
        for (Attr attribute : attributes(element)) {
            if (CAMUNDA_DMN.equals(attribute.getNamespaceURI())
                    && !Set.of("historyTimeToLive", "versionTag", "inputVariable").contains(attribute.getLocalName())) {
                findings.add(new Finding(resource, id(element), "camunda:" + attribute.getLocalName()
                        + " is not part of the policy vocabulary (" + Vocabulary.DOCS + ")"));
            }
        }
        for (Element child : children(element)) {
            dmn(resource, child, findings);
        }
    }

    private void feelNames(String resource, Element expression, String text, List<Finding> findings) {
        Matcher names = FEEL_NAME.matcher(FEEL_STRING.matcher(text).replaceAll("\"\""));
        while (names.find()) {
            if (Vocabulary.TEXT_VARIABLES.contains(names.group())) {
                findings.add(new Finding(resource, id(expression), "`" + names.group() + "` holds what a customer "
                        + "or agent wrote; decisions may not read it (analysts see decisions' results, and no ticket "
                        + "text)"));
            }
        }
    }

    // ---- forms

    private static final ObjectMapper JSON = new ObjectMapper();

    private List<Finding> form(String resource, byte[] content) {
        JsonNode form;
        try {
            form = JSON.readTree(content);
        } catch (IOException notJson) {
            return List.of(new Finding(resource, null, "is not a form (not JSON); save it again from Modeler"));
        }
        List<Finding> findings = new ArrayList<>();
        component(resource, form, findings);
        return findings;
    }

    private void component(String resource, JsonNode component, List<Finding> findings) {
        if (component == null || !component.isObject()) {
            return;
        }
        String type = component.path("type").asText("");
        if (!Vocabulary.FORM_COMPONENTS.contains(type)) {
            findings.add(new Finding(resource, component.path("id").asText(null), "form component `" + type
                    + "` is not shown to agents (allowed: " + String.join(", ",
                    Vocabulary.FORM_COMPONENTS.stream().sorted().toList()) + ")"));
        }
        for (JsonNode child : component.path("components")) {
            component(resource, child, findings);
        }
    }

    // ---- XML

    private static Document parse(byte[] content) throws SAXException, IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(content));
        } catch (ParserConfigurationException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static List<Element> children(Element element) {
        List<Element> children = new ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                children.add(e);
            }
        }
        return children;
    }

    private static List<Attr> attributes(Element element) {
        NamedNodeMap map = element.getAttributes();
        Attr[] list = new Attr[map.getLength()];
        for (int i = 0; i < list.length; i++) {
            list[i] = (Attr) map.item(i);
        }
        return Arrays.asList(list);
    }

    /** The element's own text (not its children's). */
    private static String ownText(Element element) {
        StringBuilder text = new StringBuilder();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
        return text.toString();
    }

    /** The id of the element or its nearest ancestor that has one. */
    private static String id(Element element) {
        for (Node node = element; node instanceof Element e; node = node.getParentNode()) {
            if (e.hasAttribute("id")) {
                return e.getAttribute("id");
            }
        }
        return null;
    }
}
