package org.supportdesk.engine;

/**
 * Something every node sets up at start, before the web server takes its first request (the first administrator,
 * staff groups and filters, demo data, the attachments directory check). {@link StartupTasks} runs them in their
 * {@link org.springframework.core.annotation.Order}, each under the {@link StartupLock}: nodes starting together take
 * turns, and each task adds only what is missing.
 */
public interface StartupTask {

    void setUp();
}
