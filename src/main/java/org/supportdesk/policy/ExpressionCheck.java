package org.supportdesk.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.camunda.bpm.impl.juel.AstBinary;
import org.camunda.bpm.impl.juel.AstBoolean;
import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstChoice;
import org.camunda.bpm.impl.juel.AstComposite;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstEval;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNested;
import org.camunda.bpm.impl.juel.AstNull;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.AstParameters;
import org.camunda.bpm.impl.juel.AstProperty;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.AstText;
import org.camunda.bpm.impl.juel.AstUnary;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * Reads an expression of a diagram (JUEL, as the engine does: with the engine's own parser and the features it
 * enables) and lists what in it is not policy: literals, process variables, comparisons, arithmetic, boolean logic
 * and conditionals are; calls of the published functions are ({@link Vocabulary#FUNCTIONS}); method calls on anything
 * else, functions, other beans of the application, the engine's objects and the ticket's texts are not.
 */
final class ExpressionCheck {

    private static final Builder PARSER = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

    private final Predicate<String> applicationBean;

    /** @param applicationBean whether a name is a bean of the application (those are not variables) */
    ExpressionCheck(Predicate<String> applicationBean) {
        this.applicationBean = applicationBean;
    }

    static boolean isExpression(String text) {
        return text != null && (text.contains("${") || text.contains("#{"));
    }

    /** What is wrong with {@code expression}, each as a sentence; empty when it is policy. */
    List<String> check(String expression) {
        List<String> problems = new ArrayList<>();
        Node root;
        try {
            root = PARSER.build(expression).getRoot();
        } catch (TreeBuilderException | IllegalArgumentException notAnExpression) {
            problems.add("`" + expression + "` is not an expression the engine can read: " + notAnExpression.getMessage());
            return problems;
        }
        visit(root, problems);
        return problems;
    }

    /** The bean a delegate expression names ({@code ${notify}}), or empty when it is anything more. */
    static Optional<String> delegateName(String expression) {
        try {
            Node root = PARSER.build(expression.strip()).getRoot();
            if (root instanceof AstEval eval && eval.getChild(0) instanceof AstIdentifier identifier) {
                return Optional.of(identifier.getName());
            }
        } catch (TreeBuilderException | IllegalArgumentException notAnExpression) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The process variable an expression consists of ({@code ${assignee}}), or empty. */
    static Optional<String> variableName(String expression) {
        return delegateName(expression);
    }

    private void visit(Node node, List<String> problems) {
        if (node instanceof AstText || node instanceof AstString || node instanceof AstNumber
                || node instanceof AstBoolean || node instanceof AstNull) {
            return;
        }
        if (node instanceof AstComposite || node instanceof AstEval || node instanceof AstNested
                || node instanceof AstBinary || node instanceof AstUnary || node instanceof AstChoice) {
            visitChildren(node, problems);
            return;
        }
        if (node instanceof AstIdentifier identifier) {
            identifier(identifier.getName(), problems);
            return;
        }
        if (node instanceof AstMethod method) {
            method(method, problems);
            return;
        }
        if (node instanceof AstProperty property) {
            property(property, problems);
            return;
        }
        if (node instanceof AstFunction function) {
            problems.add("functions such as `" + function.getName() + "()` are not in the vocabulary; only the "
                    + "published functions (" + published() + ") may be called");
            return;
        }
        problems.add("`" + node + "` is not part of the policy vocabulary");
    }

    private void visitChildren(Node node, List<String> problems) {
        for (int i = 0; i < node.getCardinality(); i++) {
            visit(node.getChild(i), problems);
        }
    }

    private void identifier(String name, List<String> problems) {
        if (Vocabulary.SCOPES.contains(name)) {
            problems.add("`" + name + "` may only be given to a published function (such as "
                    + "`businessTime.isOpen(execution)`) or read as `execution.processBusinessKey`");
        } else if (Vocabulary.beanNames().contains(name)) {
            problems.add("`" + name + "` is a published "
                    + (Vocabulary.isFunctionBean(name) ? "function bean: call one of its functions, e.g. "
                    + Vocabulary.FUNCTIONS.stream().filter(f -> f.bean().equals(name)).findFirst().orElseThrow()
                    .signature() : "step: name it in camunda:delegateExpression only"));
        } else if (Vocabulary.TEXT_VARIABLES.contains(name)) {
            problems.add("`" + name + "` holds what a customer or agent wrote; expressions may not read it (analysts "
                    + "see where expressions' results go, and no ticket text)");
        } else if (applicationBean.test(name) || name.equals("externalTask") || name.equals("caseExecution")
                || name.equals("variableScope")) {
            problems.add("`" + name + "` is part of the application, not of the policy: only the published "
                    + "functions (" + published() + ") and process variables may be used");
        }
    }

    private void method(AstMethod method, List<String> problems) {
        AstProperty target = (AstProperty) method.getChild(0);
        AstParameters parameters = (AstParameters) method.getChild(1);
        String name = propertyName(target).orElse(null);
        Node base = target.getChild(0);
        if (name == null || !(base instanceof AstIdentifier bean) || !Vocabulary.isFunctionBean(bean.getName())) {
            problems.add("method calls may only call the published functions (" + published() + "); found "
                    + (name == null ? "`" + method + "`" : name));
            if (name == null || !(base instanceof AstIdentifier)) {
                visit(base, problems);
            }
            return;
        }
        Optional<Vocabulary.Function> function = Vocabulary.function(bean.getName(), name);
        if (function.isEmpty()) {
            problems.add("`" + bean.getName() + "." + name + "` is not a published function; published are "
                    + published());
            return;
        }
        List<String> arguments = function.get().arguments();
        if (parameters.getCardinality() != arguments.size()) {
            problems.add("`" + function.get().signature() + "` takes " + arguments.size() + " argument"
                    + (arguments.size() == 1 ? "" : "s") + ", not " + parameters.getCardinality());
            return;
        }
        for (int i = 0; i < arguments.size(); i++) {
            Node argument = parameters.getChild(i);
            if (arguments.get(i).equals("execution")) {
                if (!(argument instanceof AstIdentifier scope) || !Vocabulary.SCOPES.contains(scope.getName())) {
                    problems.add("the first argument of `" + function.get().signature() + "` is `execution`");
                }
            } else {
                visit(argument, problems);
            }
        }
    }

    private void property(AstProperty property, List<String> problems) {
        Node base = property.getChild(0);
        Optional<String> name = propertyName(property);
        if (name.isEmpty()) {
            problems.add("`" + property + "`: a property must be named, not computed");
            return;
        }
        if (base instanceof AstIdentifier identifier && Vocabulary.SCOPES.contains(identifier.getName())) {
            if (Vocabulary.executionProperty(name.get()).isEmpty()) {
                problems.add("`" + identifier.getName() + "." + name.get() + "` is not in the vocabulary; an "
                        + "expression may read " + Vocabulary.EXECUTION_PROPERTIES.stream()
                        .map(p -> "`execution." + p.name() + "`").reduce((a, b) -> a + ", " + b).orElse(""));
            }
            return;
        }
        if (name.get().equals("class") || name.get().equals("declaringClass") || name.get().equals("classLoader")) {
            problems.add("`" + name.get() + "` leads out of the policy into the program");
            return;
        }
        visit(base, problems);
    }

    /** The name of {@code a.name} or {@code a['name']}; empty for a computed {@code a[x]}. */
    private static Optional<String> propertyName(AstProperty property) {
        if (property instanceof AstDot) {
            String text = property.toString(); // ". name"
            return Optional.of(text.substring(text.indexOf('.') + 1).strip());
        }
        if (property instanceof AstBracket && property.getChild(1) instanceof AstString key) {
            return Optional.of(String.valueOf(key.eval(null, null)));
        }
        return Optional.empty();
    }

    private static String published() {
        return Vocabulary.FUNCTIONS.stream().map(Vocabulary.Function::signature)
                .map(s -> s.substring(0, s.indexOf('(')) + "(…)").distinct()
                .reduce((a, b) -> a + ", " + b).orElse("none");
    }
}
