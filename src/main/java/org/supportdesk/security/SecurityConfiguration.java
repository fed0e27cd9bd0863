package org.supportdesk.security;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.security.authentication.ProviderManager;
import org.supportdesk.engine.AsSystem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    /** The staff API: HTTP Basic with the Camunda login of an agent, manager or on-call engineer. */
    @Bean
    @Order(0)
    SecurityFilterChain staffApi(HttpSecurity http, ProblemResponses problems, IdentityService identity,
                                 AsSystem asSystem) throws Exception {
        return http.securityMatcher("/api/staff/**")
                .authenticationManager(new ProviderManager(new StaffAuthenticationProvider(identity, asSystem)))
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole(StaffAuthenticationProvider.STAFF))
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /**
     * The customer API: HTTP Basic with the member's email and password, no session. Without cookies there is
     * nothing for a cross-site request to ride on, so CSRF tokens are not needed here.
     */
    @Bean
    @Order(1)
    SecurityFilterChain customerApi(HttpSecurity http, ProblemResponses problems, CustomerAccounts customers,
                                    PasswordEncoder passwords, java.time.Clock clock) throws Exception {
        org.springframework.security.authentication.dao.DaoAuthenticationProvider bcrypt =
                new org.springframework.security.authentication.dao.DaoAuthenticationProvider(customers);
        bcrypt.setPasswordEncoder(passwords);
        return http.securityMatcher("/api/**")
                .authenticationManager(new ProviderManager(new RememberedLogins(bcrypt, clock)))
                .authorizeHttpRequests(requests -> requests
                        // accepting an invitation: the mailed token is the credential
                        .requestMatchers("/api/invitations/**").permitAll()
                        .anyRequest().hasRole(CustomerAccounts.CUSTOMER))
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /**
     * The customer portal's pages: a session after signing in on the portal's form with the member's email and
     * password (failed attempts throttled), CSRF tokens in every form, and a Content Security Policy that allows
     * nothing but the application's own scripts and styles.
     */
    @Bean
    @Order(2)
    SecurityFilterChain customerPortal(HttpSecurity http, CustomerAccounts customers, PasswordEncoder passwords,
                                       org.supportdesk.portal.PortalSecurity portal) throws Exception {
        org.springframework.security.authentication.dao.DaoAuthenticationProvider bcrypt =
                new org.springframework.security.authentication.dao.DaoAuthenticationProvider(customers);
        bcrypt.setPasswordEncoder(passwords);
        return http.securityMatcher(org.supportdesk.portal.PortalSecurity.PATHS)
                .authenticationManager(new ProviderManager(portal.throttled(bcrypt)))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(org.supportdesk.portal.PortalSecurity.PUBLIC_PATHS).permitAll()
                        .anyRequest().hasRole(CustomerAccounts.CUSTOMER))
                .formLogin(form -> form.loginPage(org.supportdesk.portal.PortalSecurity.LOGIN_PAGE)
                        .usernameParameter(org.supportdesk.portal.PortalSecurity.EMAIL_PARAMETER)
                        .passwordParameter(org.supportdesk.portal.PortalSecurity.PASSWORD_PARAMETER)
                        .failureHandler(portal.signInFailures())
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout")
                        .logoutSuccessUrl(org.supportdesk.portal.PortalSecurity.AFTER_LOGOUT))
                .exceptionHandling(errors -> errors.accessDeniedHandler(portal.refusedForms()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                org.supportdesk.portal.PortalSecurity.CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter
                                        .ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    /**
     * Everything else: Camunda's webapps bring their own login and CSRF protection, and the engine REST API is
     * guarded by Camunda's own filter below; Spring Security only adds its response headers here.
     */
    @Bean
    @Order(100)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** The engine REST API needs a staff login (HTTP Basic against Camunda's identity store). */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.addUrlPatterns("/engine-rest/*");
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.setName("engine-rest-authentication");
        return registration;
    }
}
