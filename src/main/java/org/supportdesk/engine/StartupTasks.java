package org.supportdesk.engine;

import java.util.List;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.stereotype.Component;

/** Runs the {@link StartupTask}s once every bean exists and before the web server opens, one at a time per database. */
@Component
class StartupTasks implements SmartInitializingSingleton {

    private final List<StartupTask> tasks;
    private final StartupLock startupLock;

    StartupTasks(List<StartupTask> tasks, StartupLock startupLock) {
        this.tasks = tasks.stream().sorted(AnnotationAwareOrderComparator.INSTANCE).toList();
        this.startupLock = startupLock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (StartupTask task : tasks) {
            startupLock.exclusively(task::setUp);
        }
    }
}
