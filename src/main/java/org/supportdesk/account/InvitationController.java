package org.supportdesk.account;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Accepting an invitation: no sign-in, the mailed link's token is the credential. */
@RestController
@RequestMapping("/api/invitations/{token}")
class InvitationController {

    private final Invitations invitations;
    private final AccountRepository accounts;

    InvitationController(Invitations invitations, AccountRepository accounts) {
        this.invitations = invitations;
        this.accounts = accounts;
    }

    record Invitee(String email, String name, String organizationName) {
    }

    record Acceptance(String password) {
    }

    @GetMapping
    Invitee invitee(@PathVariable String token) {
        Member member = invitations.invitee(token);
        return new Invitee(member.email(), member.name(),
                accounts.findOrganization(member.organizationId()).orElseThrow().name());
    }

    @PostMapping
    ResponseEntity<Void> accept(@PathVariable String token, @RequestBody Acceptance acceptance) {
        invitations.accept(token, acceptance.password());
        return ResponseEntity.noContent().build();
    }
}
