package org.supportdesk.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.springframework.http.ProblemDetail;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Errors are domain values: the portal decides on a refusal's codes and takes its texts from the messages, never
 * from an exception's message or a problem's rendered text.
 */
@AnalyzeClasses(packages = "org.supportdesk", importOptions = ImportOption.DoNotIncludeTests.class)
class RefusalRulesTest {

    @ArchTest
    static final ArchRule thePortalNeverReadsAnExceptionsMessage = noClasses()
            .that().resideInAPackage("org.supportdesk.portal..")
            .should().callMethod(Throwable.class, "getMessage")
            .orShould().callMethod(Throwable.class, "getLocalizedMessage");

    /** Only the portal's {@code Texts} renders a refusal for a page; nothing else reads its words. */
    @ArchTest
    static final ArchRule thePortalNeverReadsAProblemsTexts = noClasses()
            .that().resideInAPackage("org.supportdesk.portal..")
            .and().doNotHaveFullyQualifiedName("org.supportdesk.portal.Texts")
            .should().callMethod(ProblemDetail.class, "getDetail")
            .orShould().callMethod(ProblemDetail.class, "getTitle");
}
