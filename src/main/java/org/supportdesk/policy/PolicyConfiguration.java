package org.supportdesk.policy;

import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The deployment gate in the application's engine (the Camunda starter applies every engine plugin bean). */
@Configuration(proxyBeanMethods = false)
class PolicyConfiguration {

    @Bean
    DeploymentGate deploymentGate(ApplicationContext application) {
        return new DeploymentGate(application::containsBean, application::getBean);
    }
}
