package org.supportdesk.staff;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Staff passwords follow the same rule as customers': 12 to 128 characters (Camunda Admin shows the rule and refuses
 * others, and so does the first administrator's SUPPORT_ADMIN_PASSWORD). Off in the demo, whose staff passwords are
 * their user names.
 */
@Component
class StaffPasswordPolicy extends AbstractProcessEnginePlugin implements PasswordPolicy {

    static final int MIN_CHARACTERS = 12;
    static final int MAX_CHARACTERS = 128;

    private final boolean enabled;

    StaffPasswordPolicy(@Value("${support.staff.password-policy:true}") boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setEnablePasswordPolicy(enabled);
        if (enabled) {
            configuration.setPasswordPolicy(this);
        }
    }

    @Override
    public List<PasswordPolicyRule> getRules() {
        return List.of(
                rule("PASSWORD_POLICY_LENGTH", Map.of("minLength", String.valueOf(MIN_CHARACTERS)),
                        length -> length >= MIN_CHARACTERS),
                rule("PASSWORD_POLICY_MAX_LENGTH", Map.of("maxLength", String.valueOf(MAX_CHARACTERS)),
                        length -> length <= MAX_CHARACTERS));
    }

    private static PasswordPolicyRule rule(String placeholder, Map<String, String> parameters,
                                           java.util.function.IntPredicate length) {
        return new PasswordPolicyRule() {
            @Override
            public String getPlaceholder() {
                return placeholder;
            }

            @Override
            public Map<String, String> getParameters() {
                return parameters;
            }

            @Override
            public boolean execute(String candidatePassword) {
                return candidatePassword != null
                        && length.test(candidatePassword.codePointCount(0, candidatePassword.length()));
            }
        };
    }
}
