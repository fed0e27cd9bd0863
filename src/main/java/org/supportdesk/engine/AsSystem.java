package org.supportdesk.engine;

import java.util.function.Supplier;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.springframework.stereotype.Component;

/**
 * Runs engine calls that the application makes on its own behalf without Camunda authorization checks. When an
 * agent completes a task in Tasklist, the process continues under the agent's login; the mails it queues and the
 * staff addresses it looks up are the application's business, not the agent's permissions.
 */
@Component
public class AsSystem {

    private final CommandExecutor commands;

    public AsSystem(ProcessEngine engine) {
        this.commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired();
    }

    public <T> T call(Supplier<T> work) {
        return commands.execute(context -> {
            boolean checking = context.isAuthorizationCheckEnabled();
            context.disableAuthorizationCheck();
            try {
                return work.get();
            } finally {
                if (checking) {
                    context.enableAuthorizationCheck();
                }
            }
        });
    }

    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
