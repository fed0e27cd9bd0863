package org.supportdesk.account;

import org.supportdesk.catalog.Product;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.supportdesk.catalog.ConcernType;

/**
 * R4 for BPMN: reads {@code requesterEmail}, {@code product} (may be empty) and {@code concernType}; sets
 * {@code eligible}, {@code eligibilityReason}, {@code organizationId}, {@code extendedSupport} and
 * {@code eligibilityGuidance}.
 */
@Component("checkEligibility")
public class CheckEligibilityDelegate implements JavaDelegate {

    private final EligibilityService eligibility;

    public CheckEligibilityDelegate(EligibilityService eligibility) {
        this.eligibility = eligibility;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String product = (String) execution.getVariable("product");
        String concernType = (String) execution.getVariable("concernType");
        Eligibility result = eligibility.check((String) execution.getVariable("requesterEmail"),
                product == null || product.isBlank() ? null : Product.valueOf(product),
                concernType == null || concernType.isBlank() ? ConcernType.OTHER : ConcernType.valueOf(concernType));
        execution.setVariable("eligible", result.eligible());
        execution.setVariable("eligibilityReason", result.reason().name());
        execution.setVariable("organizationId", result.organizationId());
        execution.setVariable("extendedSupport", result.extendedSupport());
        execution.setVariable("eligibilityGuidance", result.guidance());
    }
}
