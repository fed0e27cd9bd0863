package org.supportdesk.portal;

import java.util.Arrays;
import java.util.List;

import org.supportdesk.ticket.TicketRequest;

/** What the "Submit a request" form sends, kept as typed so that a refused form shows it again unchanged. */
public class RequestForm {

    private String product;
    private String topic;
    private String concernType;
    private String summary;
    private String description;
    private String stepsToReproduce;
    private String desiredOutcome;
    private String businessImpact = "NORMAL";
    private String businessImpactStatement;
    private String cc;

    /** The service's request; CC addresses may be separated by commas, semicolons, spaces or lines. */
    TicketRequest toRequest() {
        List<String> addresses = cc == null ? List.of()
                : Arrays.stream(cc.split("[,;\\s]+")).map(String::strip).filter(a -> !a.isEmpty()).toList();
        return new TicketRequest(product, topic, concernType, summary, description, stepsToReproduce, desiredOutcome,
                businessImpact, businessImpactStatement, addresses);
    }

    public String getProduct() {
        return product;
    }

    public void setProduct(String product) {
        this.product = product;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public String getConcernType() {
        return concernType;
    }

    public void setConcernType(String concernType) {
        this.concernType = concernType;
    }

    public String getSummary() {
        return summary;
    }

    public void setSummary(String summary) {
        this.summary = summary;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getStepsToReproduce() {
        return stepsToReproduce;
    }

    public void setStepsToReproduce(String stepsToReproduce) {
        this.stepsToReproduce = stepsToReproduce;
    }

    public String getDesiredOutcome() {
        return desiredOutcome;
    }

    public void setDesiredOutcome(String desiredOutcome) {
        this.desiredOutcome = desiredOutcome;
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

    public String getCc() {
        return cc;
    }

    public void setCc(String cc) {
        this.cc = cc;
    }
}
