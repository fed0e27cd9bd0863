package org.supportdesk.security;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.supportdesk.account.AccountRepository;
import org.supportdesk.account.AccountService;

/** Customers sign in with the email address and password of their organisation membership. */
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
        String hash = accounts.passwordHash(email).orElseThrow(() -> new UsernameNotFoundException(email));
        return User.withUsername(email).password(hash).roles(CUSTOMER).build();
    }
}
