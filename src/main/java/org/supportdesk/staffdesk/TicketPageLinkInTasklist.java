package org.supportdesk.staffdesk;

import java.util.Set;

import org.camunda.bpm.tasklist.plugin.spi.impl.AbstractTasklistPlugin;
import org.camunda.bpm.tasklist.resource.AbstractTasklistPluginRootResource;

import jakarta.ws.rs.Path;

/**
 * A Tasklist plugin (registered in {@code META-INF/services}, no change to Tasklist's {@code config.js}) whose script,
 * {@code plugin-webapp/ticket-page-link/app/plugin.js}, puts a link to the ticket's staff page,
 * {@code /staff/tickets/{number}}, in place of the link beside a task's process name ("Support ticket ↗"), which
 * opens the process instance in Cockpit, where only managers are let in. For every staff group.
 */
public class TicketPageLinkInTasklist extends AbstractTasklistPlugin {

    public static final String ID = "ticket-page-link";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Set<Class<?>> getResourceClasses() {
        return Set.of(Assets.class);
    }

    /**
     * Serves the plugin's {@code app/plugin.js} and {@code app/plugin.css}, at
     * {@code /camunda/api/tasklist/plugin/ticket-page-link/static/app/}.
     */
    @Path("plugin/" + ID)
    public static class Assets extends AbstractTasklistPluginRootResource {
        public Assets() {
            super(ID);
        }
    }
}
