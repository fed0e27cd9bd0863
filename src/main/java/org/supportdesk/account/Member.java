package org.supportdesk.account;

public record Member(String email, String organizationId, String name, boolean owner, boolean authorizedContact) {
}
