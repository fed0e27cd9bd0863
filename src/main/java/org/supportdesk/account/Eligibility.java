package org.supportdesk.account;

/**
 * The answer to "may this person file this request?" (R4).
 *
 * @param organizationId  the sender's organisation, or {@code null} for an unknown sender
 * @param extendedSupport whether the product's active licence has an active Extended Support add-on (R21); false when
 *                        no product is named
 * @param guidance        for a refused request: who can file and how to become one (R5)
 */
public record Eligibility(EligibilityReason reason, String organizationId, boolean extendedSupport, String guidance) {

    public boolean eligible() {
        return reason.eligible();
    }

    /** The same answer for a request whose product was settled otherwise (R21: a mail to Extended Support). */
    public Eligibility withExtendedSupport(boolean covered) {
        return new Eligibility(reason, organizationId, covered, guidance);
    }
}
