package org.supportdesk.settings;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the missing settings as Spring Boot's "APPLICATION FAILED TO START" report, without a stack trace. */
class MissingSettingsFailureAnalyzer extends AbstractFailureAnalyzer<MissingSettings> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSettings cause) {
        return new FailureAnalysis(cause.getMessage(), "Set each of them (README, \"Run in production\", lists every"
                + " setting), or start the demo with the `demo` profile.", cause);
    }
}
