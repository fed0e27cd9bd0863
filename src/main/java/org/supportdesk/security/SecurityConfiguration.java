package org.supportdesk.security;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.SessionManagementConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.supportdesk.account.AccountRepository;
import org.supportdesk.engine.AsSystem;
import org.supportdesk.login.PasswordGate;
import org.supportdesk.login.Realm;
import org.supportdesk.mail.MailSettings;
import org.supportdesk.portal.PortalSecurity;

import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Who may call what (docs/security.md). Every password check goes through the {@link PasswordGate}: the customer
 * API, the portal's sign-in, the staff API, the engine REST API and the Camunda webapps' login.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    /**
     * The staff API: HTTP Basic with the Camunda login of a staff member (any staff group, or an admin), in the staff
     * realm. A browser resends that login on its own, and there is no session for CSRF tokens: changes sent by
     * another site's page are refused ({@link CrossSiteRequests}).
     */
    @Bean
    @Order(0)
    SecurityFilterChain staffApi(HttpSecurity http, Problems problemWriter, MailSettings mail,
                                 IdentityService identity, AsSystem asSystem, PasswordGate gate) throws Exception {
        ProblemResponses problems = ProblemResponses.staff(problemWriter);
        return http.securityMatcher("/api/staff/**")
                .addFilterBefore(new CrossSiteRequests(mail.portalUrl(), problemWriter), CsrfFilter.class)
                .authenticationManager(new ProviderManager(new ThrottledPasswords(
                        new StaffAuthenticationProvider(identity, asSystem), gate, Realm.STAFF)))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/staff/organizations", "/api/staff/organizations/**")
                        .hasRole(StaffAuthenticationProvider.MANAGER)
                        .requestMatchers(HttpMethod.PUT, "/api/staff/organizations/**")
                        .hasRole(StaffAuthenticationProvider.MANAGER)
                        .requestMatchers(HttpMethod.GET, "/api/staff/migrations")
                        .hasAnyRole(StaffAuthenticationProvider.STAFF, StaffAuthenticationProvider.ANALYST)
                        .anyRequest().hasRole(StaffAuthenticationProvider.STAFF))
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(SecurityConfiguration::stateless)
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /**
     * The desk's calls from Tasklist (the "Ticket" tab, issue #22): the login the staff member signed in to Tasklist
     * with, from the Camunda webapps' HTTP session ({@link TasklistSessions}); without one 401, and no HTTP Basic
     * prompt. Staff who work tickets only (analysts 403), reading only: every other method is refused, so a page of
     * another site has nothing to send with the session cookie. Which task and ticket the login may see is checked
     * by the engine ({@code staffdesk/TasklistTicketApi}).
     */
    @Bean
    @Order(0)
    SecurityFilterChain tasklistTicketTab(HttpSecurity http, Problems problemWriter) throws Exception {
        ProblemResponses problems = ProblemResponses.tasklist(problemWriter);
        return http.securityMatcher(TasklistSessions.PATHS)
                .addFilterAfter(new TasklistSessions(), SecurityContextHolderFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, TasklistSessions.PATHS)
                        .hasRole(StaffAuthenticationProvider.STAFF)
                        .anyRequest().denyAll())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(SecurityConfiguration::stateless)
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /**
     * The actuator: health and its probes are open (load balancers); metrics ({@code /actuator/prometheus}) and
     * anything else exposed later need a staff login (HTTP Basic, throttled like every password check).
     */
    @Bean
    @Order(0)
    SecurityFilterChain actuator(HttpSecurity http, Problems problemWriter, IdentityService identity,
                                 AsSystem asSystem, PasswordGate gate) throws Exception {
        ProblemResponses problems = ProblemResponses.staff(problemWriter);
        return http.securityMatcher("/actuator", "/actuator/**")
                .authenticationManager(new ProviderManager(new ThrottledPasswords(
                        new StaffAuthenticationProvider(identity, asSystem), gate, Realm.STAFF)))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().hasRole(StaffAuthenticationProvider.STAFF))
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(SecurityConfiguration::stateless)
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /**
     * The customer API: HTTP Basic with the member's email and password, in the customers' realm, no session. A
     * browser resends a stored Basic login on its own, so changes sent by another site's page are refused
     * ({@link CrossSiteRequests}) instead of CSRF tokens, which need a session. Accepting an invitation and resetting
     * a password are open: the mailed token is the credential.
     */
    @Bean
    @Order(1)
    SecurityFilterChain customerApi(HttpSecurity http, Problems problemWriter, MailSettings mail,
                                    CustomerAccounts customers, PasswordEncoder passwords, PasswordGate gate)
            throws Exception {
        ProblemResponses problems = ProblemResponses.customers(problemWriter);
        return http.securityMatcher("/api/**")
                .addFilterBefore(new CrossSiteRequests(mail.portalUrl(), problemWriter), CsrfFilter.class)
                .authenticationManager(new ProviderManager(customerPasswords(customers, passwords, gate)))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/invitations/**", "/api/password-resets", "/api/password-resets/**")
                        .permitAll()
                        .anyRequest().hasRole(CustomerAccounts.CUSTOMER))
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(SecurityConfiguration::stateless)
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /**
     * The customer portal's pages: a session after signing in on the portal's form with the member's email and
     * password, CSRF tokens in every form, and a Content Security Policy that allows nothing but the application's
     * own scripts and styles. A session ends when its member's password changes or the member is removed; an upload
     * is not even parsed before the sender is signed in.
     */
    @Bean
    @Order(2)
    SecurityFilterChain customerPortal(HttpSecurity http, CustomerAccounts customers, PasswordEncoder passwords,
                                       PasswordGate gate, PortalSecurity portal, AccountRepository accounts)
            throws Exception {
        return http.securityMatcher(PortalSecurity.PATHS)
                .authenticationManager(new ProviderManager(customerPasswords(customers, passwords, gate)))
                .addFilterAfter(new SignedInSessions(accounts), SecurityContextHolderFilter.class)
                .addFilterBefore(new UploadsNeedSignIn(), CsrfFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PortalSecurity.PUBLIC_PATHS).permitAll()
                        .anyRequest().hasRole(CustomerAccounts.CUSTOMER))
                .formLogin(form -> form.loginPage(PortalSecurity.LOGIN_PAGE)
                        .usernameParameter(PortalSecurity.EMAIL_PARAMETER)
                        .passwordParameter(PortalSecurity.PASSWORD_PARAMETER)
                        .failureHandler(portal.signInFailures())
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl(PortalSecurity.AFTER_LOGOUT))
                .exceptionHandling(errors -> errors.accessDeniedHandler(portal.refusedForms()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(PortalSecurity.CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    /**
     * The staff workspace's pages ({@code /staff/**}, issue #13): HTTP Basic with the Camunda login of a staff member,
     * as for the staff API and in the same realm, so the browser sends the same login to {@code /api/staff} (file
     * downloads) without asking again. A browser resends Basic credentials on its own, so forms carry CSRF tokens
     * (kept in a session that holds nothing else) and changes sent by another site's page are refused before that
     * ({@link CrossSiteRequests}); the portal's Content Security Policy applies. A page the login may not open (an
     * agent's {@code /staff/dashboard}), or a form without its CSRF token, is answered with a 403 page in the staff
     * layout that says who may open it ({@link StaffAccess#REFUSED_PAGE}, open to anyone: the refusal is forwarded
     * there). A multipart form (an answer with files) has its login checked before the CSRF check, so that nobody
     * without one makes the server parse an upload ({@link StaffUploadsNeedSignIn}).
     */
    @Bean
    @Order(3)
    SecurityFilterChain staffWorkspace(HttpSecurity http, Problems problemWriter, MailSettings mail,
                                       IdentityService identity, AsSystem asSystem, PasswordGate gate)
            throws Exception {
        ProviderManager staffPasswords = new ProviderManager(new ThrottledPasswords(
                new StaffAuthenticationProvider(identity, asSystem), gate, Realm.STAFF));
        return http.securityMatcher("/staff", "/staff/**")
                .addFilterBefore(new CrossSiteRequests(mail.portalUrl(), problemWriter), CsrfFilter.class)
                .addFilterBefore(new StaffUploadsNeedSignIn(staffPasswords, ProblemResponses.staff(problemWriter)),
                        CsrfFilter.class)
                .authenticationManager(staffPasswords)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(StaffAccess.REFUSED_PAGE).permitAll()
                        .requestMatchers(StaffAccess.MANAGER_PAGES).hasRole(StaffAuthenticationProvider.MANAGER)
                        .anyRequest().hasRole(StaffAuthenticationProvider.STAFF))
                .httpBasic(basic -> basic.realmName(ProblemResponses.STAFF_REALM))
                .exceptionHandling(errors -> errors.accessDeniedHandler(new StaffRefusedForms()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(PortalSecurity.CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    /**
     * Everything else: Camunda's webapps bring their own login (throttled by {@link WebappLoginThrottle}) and CSRF
     * protection, and the engine REST API is guarded by {@link EngineRestAuthentication}; Spring Security only adds
     * its response headers here.
     */
    @Bean
    @Order(100)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .build();
    }

    /**
     * A chain that keeps no login in the session: it neither creates one nor changes the id of one the browser
     * already has. Spring Security's session-fixation protection would otherwise give the session a new id on every
     * request it sees authenticated (a staff member's HTTP Basic call, the Tasklist tab's call with the webapps'
     * session), and the Camunda webapps' own calls still in flight with the old id would find no session and sign
     * the agent out of Tasklist. Fixation protection belongs where a login is put into a session: the portal's form
     * and Camunda's login, which both renew the id themselves.
     */
    private static void stateless(SessionManagementConfigurer<HttpSecurity> session) {
        session.sessionCreationPolicy(SessionCreationPolicy.STATELESS).sessionFixation(fixation -> fixation.none());
    }

    /** bcrypt, with successful checks remembered for minutes ({@link RememberedPasswords}). */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new RememberedPasswords(PasswordEncoderFactories.createDelegatingPasswordEncoder(), Ticker.systemTicker());
    }

    @Bean
    FilterRegistrationBean<EngineRestAuthentication> engineRestAuthentication(
            ObjectProvider<IdentityService> identity, ObjectProvider<AsSystem> asSystem,
            ObjectProvider<PasswordGate> gate, Problems problems) {
        FilterRegistrationBean<EngineRestAuthentication> registration =
                new FilterRegistrationBean<>(new EngineRestAuthentication(identity, asSystem, gate, problems));
        registration.addUrlPatterns("/engine-rest/*");
        registration.setName("engine-rest-authentication");
        registration.setOrder(ENGINE_REST_AUTHENTICATION_ORDER);
        return registration;
    }

    /** The engine REST API's login comes before {@link QueriesByVariableValue}, which asks the engine who calls. */
    private static final int ENGINE_REST_AUTHENTICATION_ORDER = Ordered.LOWEST_PRECEDENCE - 10;

    @Bean
    FilterRegistrationBean<QueriesByVariableValue> queriesByVariableValue(ObjectProvider<IdentityService> identity,
                                                                          Problems problems) {
        FilterRegistrationBean<QueriesByVariableValue> registration =
                new FilterRegistrationBean<>(new QueriesByVariableValue(identity, problems));
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        registration.setName("queries-by-variable-value");
        registration.setOrder(ENGINE_REST_AUTHENTICATION_ORDER + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<WebappLoginThrottle> webappLoginThrottle(ObjectProvider<PasswordGate> gate,
                                                                    Problems problems) {
        FilterRegistrationBean<WebappLoginThrottle> registration =
                new FilterRegistrationBean<>(new WebappLoginThrottle(gate, problems));
        registration.addUrlPatterns("/camunda/api/admin/auth/user/*");
        registration.setName("camunda-webapp-login-throttle");
        return registration;
    }

    /** Before Spring Security, so that not even a CSRF check reads a large anonymous body. */
    @Bean
    FilterRegistrationBean<SmallAnonymousBodies> smallAnonymousBodies(Problems problems) {
        FilterRegistrationBean<SmallAnonymousBodies> registration =
                new FilterRegistrationBean<>(new SmallAnonymousBodies(problems));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
        registration.setName("small-anonymous-bodies");
        return registration;
    }

    private static ThrottledPasswords customerPasswords(CustomerAccounts customers, PasswordEncoder passwords,
                                                        PasswordGate gate) {
        DaoAuthenticationProvider bcrypt = new DaoAuthenticationProvider(customers);
        bcrypt.setPasswordEncoder(passwords);
        return new ThrottledPasswords(bcrypt, gate, Realm.CUSTOMER);
    }
}
