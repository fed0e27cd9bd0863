package org.supportdesk.ticket;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.supportdesk.account.AccountRepository;
import org.supportdesk.account.Member;

/**
 * R2/R22: who hears about a ticket (the {@code customer} audience). Mail goes only to current members of the
 * ticket's organisation: the requester while they are one, and the CCs who are. When the requester has left (removed,
 * or moved to another organisation), the organisation's authorized contacts receive what the requester would have,
 * and its owners when it has no contacts. Someone who is a member of another organisation now is never mailed.
 */
@Component
public class CustomerRecipients {

    /** Who receives the customer's mail in the requester's place. */
    public enum Standing {
        /** the requester is still a member: they receive it */
        REQUESTER,
        /** the requester has left: the organisation's authorized contacts receive it */
        AUTHORIZED_CONTACTS,
        /** the requester has left and the organisation has no authorized contacts: its owners receive it */
        OWNERS
    }

    /**
     * The addresses a customer mail goes to and is copied to, whose place {@code to} stands in, and what the ticket's
     * pages say about it ({@code notice}; null while the requester is a member).
     */
    public record Recipients(List<String> to, List<String> cc, Standing standing, String notice) {

        public boolean requesterLeft() {
            return standing != Standing.REQUESTER;
        }

        /** Everyone who receives the customer's mail. */
        public List<String> all() {
            return Stream.concat(to.stream(), cc.stream()).distinct().toList();
        }
    }

    private final AccountRepository accounts;
    private final TicketRepository tickets;
    private final MessageSource messages;

    CustomerRecipients(AccountRepository accounts, TicketRepository tickets, MessageSource messages) {
        this.accounts = accounts;
        this.tickets = tickets;
        this.messages = messages;
    }

    public Recipients of(Ticket ticket) {
        List<Member> members = accounts.members(ticket.organizationId());
        Set<String> current = members.stream().map(Member::email).collect(Collectors.toSet());
        Standing standing;
        List<String> to;
        if (current.contains(ticket.requesterEmail())) {
            standing = Standing.REQUESTER;
            to = List.of(ticket.requesterEmail());
        } else {
            to = members.stream().filter(Member::authorizedContact).map(Member::email).sorted().toList();
            standing = Standing.AUTHORIZED_CONTACTS;
            if (to.isEmpty()) {
                to = members.stream().filter(Member::owner).map(Member::email).sorted().toList();
                standing = Standing.OWNERS;
            }
        }
        List<String> addressed = to;
        List<String> cc = tickets.cc(ticket.id()).stream()
                .filter(current::contains).filter(address -> !addressed.contains(address)).toList();
        String notice = standing == Standing.REQUESTER ? null : messages.getMessage(
                "ticket.requester-left." + standing.name(),
                new Object[]{accounts.findOrganization(ticket.organizationId()).orElseThrow().name()},
                LocaleContextHolder.getLocale());
        return new Recipients(to, cc, standing, notice);
    }
}
