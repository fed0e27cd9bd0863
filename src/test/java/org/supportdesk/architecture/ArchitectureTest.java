package org.supportdesk.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.Handle;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.asm.Type;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/**
 * The code is packaged by feature, and features depend on each other in one direction only. Every top-level package
 * under {@code org.supportdesk} is a feature, found by the import, except the few shared building blocks named in
 * {@link #SHARED}: a new package is covered without editing this test.
 */
@AnalyzeClasses(packages = "org.supportdesk", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * What every feature may use and which itself uses no feature: the catalog's vocabulary, web errors, the login
     * throttle, the cluster's heartbeat, business time, the engine's set-up, the names of the deployed diagrams.
     */
    static final List<String> SHARED = List.of("catalog", "web", "login", "cluster", "calendar", "engine",
            "processes");

    private static final String[] SHARED_PACKAGES = SHARED.stream().map(p -> "org.supportdesk." + p + "..")
            .toArray(String[]::new);

    /** The engine's callbacks: service task delegates, execution listeners and task listeners. */
    private static final List<Class<?>> ENGINE_CALLBACKS = List.of(JavaDelegate.class, ExecutionListener.class,
            TaskListener.class);

    private static final DescribedPredicate<JavaClass> ENGINE_CALLBACK = DescribedPredicate.describe(
            "a JavaDelegate, ExecutionListener or TaskListener",
            type -> ENGINE_CALLBACKS.stream().anyMatch(type::isAssignableTo));

    /** The JDBC clients: what writes SQL. */
    private static final DescribedPredicate<JavaClass> JDBC = assignableTo(JdbcClient.class)
            .or(assignableTo(JdbcOperations.class)).or(assignableTo(NamedParameterJdbcOperations.class))
            .as("JdbcClient, JdbcTemplate or NamedParameterJdbcTemplate");

    /**
     * Classes outside a repository that may still use JDBC, each with its reason. Keep it empty or tiny: a class
     * whose job is SQL is a repository; a service with rules calls one.
     */
    static final Map<String, String> JDBC_OUTSIDE_REPOSITORIES = Map.of();

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles = slices().matching("org.supportdesk.(*)..")
            .should().beFreeOfCycles();

    /** No list of features: whatever is not a shared building block (or the application class) is one. */
    @ArchTest
    static final ArchRule sharedBuildingBlocksDependOnNoFeature = noClasses()
            .that().resideInAnyPackage(SHARED_PACKAGES)
            .should().dependOnClassesThat(resideInAPackage("org.supportdesk..")
                    .and(not(resideInAnyPackage(SHARED_PACKAGES)))
                    .as("a feature (any package under org.supportdesk but " + SHARED + ")"));

    /** A shared building block renamed or gone would make the rule above pass for nothing. */
    @ArchTest
    static void everySharedBuildingBlockExists(JavaClasses imported) {
        Set<String> topLevel = imported.stream().map(ArchitectureTest::topLevelPackage)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(topLevel).as("top-level packages under org.supportdesk").containsAll(SHARED);
        assertThat(topLevel).as("features, found by the import").contains("ticket", "dashboard", "staffdesk");
    }

    /** A delegate maps variables in and out and calls a service; the rules, the SQL and the mail live in services. */
    @ArchTest
    static final ArchRule delegatesDependOnlyOnServices = noClasses()
            .that(ENGINE_CALLBACK)
            .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
            .orShould().dependOnClassesThat(JDBC)
            .orShould().dependOnClassesThat().areAssignableTo(JavaMailSender.class)
            .orShould().dependOnClassesThat().areAssignableTo(RuntimeService.class)
            .because("delegates and listeners are thin: map variables in, call one service, map results out");

    /** Every delegate and listener stays a page: the rule it applies has its home in a service. */
    @ArchTest
    static final ArchRule delegatesAreThin = classes()
            .that(ENGINE_CALLBACK)
            .should(new ArchCondition<>("have at most 30 lines of code") {
                @Override
                public void check(JavaClass delegate, ConditionEvents events) {
                    java.nio.file.Path source = java.nio.file.Path.of("src/main/java",
                            delegate.getPackageName().replace('.', '/'), delegate.getSimpleName() + ".java");
                    try {
                        long code = java.nio.file.Files.readAllLines(source).stream().map(String::strip)
                                .filter(l -> !l.isEmpty() && !l.startsWith("import ") && !l.startsWith("package ")
                                        && !l.startsWith("*") && !l.startsWith("/**") && !l.startsWith("//"))
                                .count();
                        if (code > 30) {
                            events.add(SimpleConditionEvent.violated(delegate, delegate.getName() + " has " + code
                                    + " lines of code (at most 30)"));
                        }
                    } catch (java.io.IOException e) {
                        events.add(SimpleConditionEvent.violated(delegate, "cannot read " + source));
                    }
                }
            });

    /** A delegate or listener is a class of its own, named where the diagram's expression names its bean. */
    @ArchTest
    static final ArchRule delegatesAreNamedTopLevelClasses = classes()
            .that(ENGINE_CALLBACK).and().areNotInterfaces()
            .should().beTopLevelClasses()
            .because("an anonymous, local or nested delegate or listener hides engine code inside another class");

    /** {@code @Bean JavaDelegate x() { return execution -> …; }} and its kind. */
    @ArchTest
    static final ArchRule noMethodMakesADelegate = noMethods()
            .should().haveRawReturnType(ENGINE_CALLBACK)
            .because("a delegate or listener is a named top-level class (a @Component), not a factory method's"
                    + " lambda or anonymous class");

    @ArchTest
    static final ArchRule noFieldHoldsADelegate = noFields()
            .should().haveRawType(ENGINE_CALLBACK)
            .because("a delegate or listener is a named top-level class, not a lambda kept in a field");

    /** Lambdas and method references leave no class to check: the byte code's invokedynamic shows them. */
    @ArchTest
    static final ArchRule noLambdaIsADelegate = classes()
            .should(new ArchCondition<>("make no JavaDelegate, ExecutionListener or TaskListener from a lambda or"
                    + " method reference") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    for (String made : lambdasOfEngineCallbacks(type)) {
                        events.add(SimpleConditionEvent.violated(type, type.getName() + " makes a " + made
                                + " from a lambda or method reference"));
                    }
                }
            });

    /** SQL is written in repositories; services, delegates, controllers and dashboards call them. */
    @ArchTest
    static final ArchRule jdbcOnlyInRepositories = noClasses()
            .that(DescribedPredicate.describe("are not (in) a class named *Repository",
                    (JavaClass type) -> !topLevelSimpleName(type).endsWith("Repository")))
            .and(DescribedPredicate.describe("are not one of " + JDBC_OUTSIDE_REPOSITORIES.keySet(),
                    (JavaClass type) -> !JDBC_OUTSIDE_REPOSITORIES.containsKey(topLevelSimpleName(type))))
            .should().dependOnClassesThat(JDBC)
            .because("a class whose job is SQL is a repository of its feature; a service keeps its rules and calls"
                    + " one");

    /** An exception whose class no longer uses JDBC (or is gone) is removed from the list, so the list stays tiny. */
    @ArchTest
    static void everyJdbcExceptionIsStillNeeded(JavaClasses imported) {
        for (String exception : JDBC_OUTSIDE_REPOSITORIES.keySet()) {
            assertThat(imported.stream().filter(type -> topLevelSimpleName(type).equals(exception))
                    .flatMap(type -> type.getDirectDependenciesFromSelf().stream())
                    .anyMatch(dependency -> JDBC.test(dependency.getTargetClass())))
                    .as(exception + " no longer uses JDBC: remove it from JDBC_OUTSIDE_REPOSITORIES").isTrue();
        }
    }

    /** A controller reaches another feature's data through that feature's service, never its repository. */
    @ArchTest
    static final ArchRule controllersUseOnlyTheirOwnFeaturesRepositories = classes()
            .that().areAnnotatedWith(Controller.class).or().areAnnotatedWith(RestController.class)
            .should(new ArchCondition<>("use no repository of another feature") {
                @Override
                public void check(JavaClass controller, ConditionEvents events) {
                    controller.getDirectDependenciesFromSelf().stream()
                            .map(Dependency::getTargetClass)
                            .filter(target -> target.getSimpleName().endsWith("Repository")
                                    && target.getPackageName().startsWith("org.supportdesk.")
                                    && !target.getPackageName().equals(controller.getPackageName()))
                            .distinct()
                            .forEach(target -> events.add(SimpleConditionEvent.violated(controller,
                                    controller.getName() + " uses " + target.getName())));
                }
            });

    /** The first package below {@code org.supportdesk} ("" for the application class itself). */
    static String topLevelPackage(JavaClass type) {
        String rest = type.getPackageName().substring(Math.min(type.getPackageName().length(),
                "org.supportdesk.".length()));
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static String topLevelSimpleName(JavaClass type) {
        String name = type.getName().substring(type.getPackageName().length() + 1);
        int dollar = name.indexOf('$');
        return dollar < 0 ? name : name.substring(0, dollar);
    }

    private static final Set<String> CALLBACK_DESCRIPTORS = ENGINE_CALLBACKS.stream()
            .map(Type::getDescriptor).collect(Collectors.toSet());

    /** The engine callback types this class makes with invokedynamic (a lambda or a method reference). */
    static List<String> lambdasOfEngineCallbacks(JavaClass type) {
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream bytes = ArchitectureTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (bytes == null) {
                return List.of();
            }
            List<String> made = new java.util.ArrayList<>();
            new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitInvokeDynamicInsn(String lambdaName, String lambdaDescriptor,
                                                           Handle bootstrap, Object... arguments) {
                            String returned = Type.getReturnType(lambdaDescriptor).getDescriptor();
                            if (CALLBACK_DESCRIPTORS.contains(returned)) {
                                made.add(Type.getType(returned).getClassName() + " (in " + name + ")");
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            return made;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
