package org.supportdesk.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The code is packaged by feature, and features depend on each other in one direction only. */
@AnalyzeClasses(packages = "org.supportdesk", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles = slices().matching("org.supportdesk.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule sharedBuildingBlocksDependOnNoFeature = noClasses()
            .that().resideInAnyPackage("org.supportdesk.catalog..", "org.supportdesk.web..", "org.supportdesk.login..",
                    "org.supportdesk.cluster..", "org.supportdesk.calendar..", "org.supportdesk.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("org.supportdesk.account..", "org.supportdesk.ticket..",
                    "org.supportdesk.mail..", "org.supportdesk.inbound..", "org.supportdesk.portal..",
                    "org.supportdesk.security..", "org.supportdesk.outage..", "org.supportdesk.staff..",
                    "org.supportdesk.demo..");

    /** A delegate maps variables in and out and calls a service; the rules, the SQL and the mail live in services. */
    @ArchTest
    static final ArchRule delegatesDependOnlyOnServices = noClasses()
            .that().implement(JavaDelegate.class).or().implement(TaskListener.class)
            .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
            .orShould().dependOnClassesThat().areAssignableTo(JdbcClient.class)
            .orShould().dependOnClassesThat().areAssignableTo(JdbcTemplate.class)
            .orShould().dependOnClassesThat().areAssignableTo(JavaMailSender.class)
            .orShould().dependOnClassesThat().areAssignableTo(RuntimeService.class)
            .because("delegates are thin: map variables in, call one service, map results out");

    /** Every delegate and task listener stays a page: the rule it applies has its home in a service. */
    @ArchTest
    static final ArchRule delegatesAreThin = classes()
            .that().implement(JavaDelegate.class).or().implement(TaskListener.class)
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
}
