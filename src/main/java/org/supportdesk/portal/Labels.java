package org.supportdesk.portal;

import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;
import org.supportdesk.catalog.Product;
import org.supportdesk.ticket.CloseReason;
import org.supportdesk.catalog.ConcernType;
import org.supportdesk.ticket.Priority;
import org.supportdesk.ticket.Ticket;
import org.supportdesk.ticket.TicketStatus;
import org.supportdesk.ticket.Topic;

/** How the portal names products, topics, concern types and statuses (pages use it as {@code labels}). */
@Component
public class Labels {

    public String product(Product product) {
        if (product == null) {
            return "Not yet set";
        }
        return switch (product) {
            case REPOSITORY_MANAGER -> "Repository Manager";
            case LIFECYCLE -> "Lifecycle";
            case FIREWALL -> "Firewall";
        };
    }

    /** A product's topics, in the order the form offers them. */
    public List<Topic> topics(Product product) {
        return List.of(Topic.INSTALLATION_UPGRADE, Topic.CONFIGURATION, Topic.PERFORMANCE, Topic.SECURITY,
                Topic.INTEGRATIONS, Topic.LICENSING, Topic.OTHER);
    }

    /** What a topic means for a product: the same team topic reads differently per product. */
    public String topic(Product product, Topic topic) {
        if (topic == null) {
            return "Not yet set";
        }
        if (product == null) {
            return topic(topic);
        }
        return switch (topic) {
            case INSTALLATION_UPGRADE -> "Installation or upgrade";
            case CONFIGURATION -> switch (product) {
                case REPOSITORY_MANAGER -> "Configuration: repositories, blob stores, cleanup";
                case LIFECYCLE -> "Configuration: policies, applications, organisations";
                case FIREWALL -> "Configuration: quarantine and policies";
            };
            case PERFORMANCE -> "Performance";
            case SECURITY -> "Security, users and permissions";
            case INTEGRATIONS -> switch (product) {
                case REPOSITORY_MANAGER -> "Build tools and clients: Maven, npm, Docker, …";
                case LIFECYCLE -> "CI, IDE and source control integrations";
                case FIREWALL -> "Repository Manager integration";
            };
            case LICENSING -> "Licensing";
            case OTHER -> "Something else";
        };
    }

    public String topic(Topic topic) {
        if (topic == null) {
            return "Not yet set";
        }
        return switch (topic) {
            case INSTALLATION_UPGRADE -> "Installation or upgrade";
            case CONFIGURATION -> "Configuration";
            case PERFORMANCE -> "Performance";
            case SECURITY -> "Security, users and permissions";
            case INTEGRATIONS -> "Integrations";
            case LICENSING -> "Licensing";
            case OTHER -> "Something else";
        };
    }

    public String concern(ConcernType type) {
        return switch (type) {
            case QUESTION -> "Question";
            case PROBLEM -> "Problem";
            case CRITICAL_OUTAGE -> "Critical production outage (SEV-1)";
            case CUSTOMER_ACCOUNT_CHANGE -> "Customer account change";
            case OTHER -> "Other";
        };
    }

    /** One line of help for each concern type (R7). */
    public String concernHelp(ConcernType type) {
        return switch (type) {
            case QUESTION -> "How to do something, or whether the product supports it.";
            case PROBLEM -> "Something does not work as documented, but production keeps running.";
            case CRITICAL_OUTAGE -> "A production system is down or unusable and business has stopped.";
            case CUSTOMER_ACCOUNT_CHANGE -> "Licences, your organisation's authorized contacts or owners.";
            case OTHER -> "Anything that fits none of the above.";
        };
    }

    public String status(TicketStatus status) {
        return switch (status) {
            case NEW -> "New";
            case OPEN -> "Open";
            case PENDING -> "Waiting for you";
            case CLOSED -> "Closed";
        };
    }

    /** The status as a sentence for the ticket page. */
    public String statusHelp(Ticket ticket) {
        return switch (ticket.status()) {
            case NEW -> "Received; support will assess it shortly.";
            case OPEN -> "Support is working on it.";
            case PENDING -> "Support asked you for information. Answer below and the ticket goes back to them.";
            case CLOSED -> closeReason(ticket.closeReason())
                    + " A closed ticket is not reopened: create a follow-up if you need more help.";
        };
    }

    public String closeReason(CloseReason reason) {
        if (reason == null) {
            return "Closed.";
        }
        return switch (reason) {
            case SOLVED -> "Solved.";
            case NO_RESPONSE -> "Closed: support did not receive the information it asked for.";
            case DUPLICATE -> "Closed as a duplicate of another ticket.";
        };
    }

    public String priority(Priority priority) {
        return switch (priority) {
            case URGENT -> "Urgent";
            case HIGH -> "High";
            case NORMAL -> "Normal";
            case LOW -> "Low";
        };
    }

    /** A CSS class suffix for a status badge. */
    public String css(Enum<?> value) {
        return value == null ? "none" : value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
