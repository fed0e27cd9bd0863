package org.supportdesk.settings;

import java.util.List;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Runs {@link RequiredSettings} before any bean exists: no database connection, no mail server, no web server has
 * been opened when a missing setting stops the start.
 */
@Configuration(proxyBeanMethods = false)
class RequiredSettingsCheck {

    @Bean
    static BeanFactoryPostProcessor requiredSettings(Environment environment) {
        return beanFactory -> {
            List<RequiredSettings.Problem> problems = RequiredSettings.check(environment);
            if (!problems.isEmpty()) {
                throw new MissingSettings(problems);
            }
        };
    }
}
