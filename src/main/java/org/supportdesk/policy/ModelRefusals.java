package org.supportdesk.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.impl.cmd.DeployCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * A model the engine itself refuses (a decision without a history time to live, a diagram that does not parse, a form
 * that is not JSON) is the analyst's to fix: the deployment answers 400 with the engine's reason (a
 * {@link ParseException}, which the engine REST API and Modeler show), not a 500 with a reference. Failures of the
 * database, of authorization or of a concurrent change keep their own answers.
 */
class ModelRefusals extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
        if (!(command instanceof DeployCmd)) {
            return next.execute(command);
        }
        try {
            return next.execute(command);
        } catch (ParseException | AuthorizationException | BadUserRequestException | OptimisticLockingException keep) {
            throw keep;
        } catch (RuntimeException refused) {
            if (fromTheDatabase(refused)) {
                throw refused;
            }
            String reason = reasons(refused);
            throw new ParseException("The engine refused the deployment: " + reason, resourceOf(reason),
                    new ArrayList<>(), new ArrayList<>());
        }
    }

    /** The messages of the exception and its causes, outermost first, each once (causes repeat what they wrap). */
    private static String reasons(Throwable refused) {
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable t = refused; t != null && messages.size() < 5; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().strip();
            if (!message.isEmpty() && messages.stream().noneMatch(m -> m.contains(message))) {
                messages.add(message);
            }
        }
        return messages.isEmpty() ? refused.getClass().getSimpleName() : String.join(": ", messages);
    }

    /** The file the engine names in its reason ("… DMN resource 'x.dmn'"), or null. */
    private static String resourceOf(String reason) {
        for (String suffix : Vocabulary.RESOURCE_SUFFIXES) {
            int end = reason.indexOf(suffix);
            if (end > 0) {
                int start = Math.max(reason.lastIndexOf('\'', end), reason.lastIndexOf(' ', end)) + 1;
                return reason.substring(start, end + suffix.length());
            }
        }
        return null;
    }

    private static boolean fromTheDatabase(Throwable refused) {
        for (Throwable t = refused; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException || t.getClass().getName().startsWith("org.apache.ibatis.")
                    || t.getClass().getName().startsWith("org.springframework.dao.")
                    || t.getClass().getName().startsWith("org.springframework.transaction.")) {
                return true;
            }
        }
        return false;
    }
}
