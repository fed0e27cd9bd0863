package org.supportdesk.security;

import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.supportdesk.account.AccountRepository;
import org.supportdesk.account.AccountService;
import org.supportdesk.login.CustomerUser;

/**
 * Customers sign in with the email address and password of their organisation membership. Read on every request of
 * the customer API: a removed member or a changed password takes effect at once, on every node.
 */
@Component
class CustomerAccounts implements UserDetailsService {

    static final String CUSTOMER = "CUSTOMER";

    private final AccountRepository accounts;

    CustomerAccounts(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        String email = AccountService.normalize(username);
        AccountRepository.Credentials credentials = accounts.credentials(email)
                .orElseThrow(() -> new UsernameNotFoundException("No such account"));
        return new CustomerUser(email, credentials.passwordHash(), credentials.version(),
                List.of(new SimpleGrantedAuthority("ROLE_" + CUSTOMER)));
    }
}
