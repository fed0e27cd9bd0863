package org.supportdesk.settings;

import java.util.List;
import java.util.stream.Collectors;

/** The start is refused: these settings are missing or unusable. */
public class MissingSettings extends IllegalStateException {

    private final List<RequiredSettings.Problem> problems;

    MissingSettings(List<RequiredSettings.Problem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<RequiredSettings.Problem> problems() {
        return problems;
    }

    static String describe(List<RequiredSettings.Problem> problems) {
        return "Support Desk cannot start: " + problems.size() + (problems.size() == 1 ? " setting is" : " settings are")
                + " missing or unusable:\n" + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
    }
}
