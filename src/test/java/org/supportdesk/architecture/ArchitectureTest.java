package org.supportdesk.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
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
}
