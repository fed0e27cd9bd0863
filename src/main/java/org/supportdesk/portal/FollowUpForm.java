package org.supportdesk.portal;

/**
 * What the "Create a follow-up" form sends (R16), kept as typed so that a refused form shows it again unchanged. Its
 * business impact fields are the request form's (R6); files come as the request form's do.
 */
public class FollowUpForm {

    private String description;
    private String businessImpact = "NORMAL";
    private String businessImpactStatement;
    private boolean newOutage;

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getBusinessImpact() {
        return businessImpact;
    }

    public void setBusinessImpact(String businessImpact) {
        this.businessImpact = businessImpact;
    }

    public String getBusinessImpactStatement() {
        return businessImpactStatement;
    }

    public void setBusinessImpactStatement(String businessImpactStatement) {
        this.businessImpactStatement = businessImpactStatement;
    }

    public boolean isNewOutage() {
        return newOutage;
    }

    public void setNewOutage(boolean newOutage) {
        this.newOutage = newOutage;
    }
}
