package org.supportdesk.account;

/**
 * The answer to "may this person file this request?" (R4).
 *
 * @param organizationId  the sender's organisation, or {@code null} for an unknown sender
 * @param extendedSupport whether an active licence for the product carries the Extended Support add-on
 * @param guidance        for a refused request: who can file and how to become one (R5)
 */
public record Eligibility(EligibilityReason reason, String organizationId, boolean extendedSupport, String guidance) {

    public boolean eligible() {
        return reason.eligible();
    }
}
