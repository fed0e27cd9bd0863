package org.supportdesk.web;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI description of {@code /api/**} (springdoc: JSON at {@code /v3/api-docs}, Swagger UI at
 * {@code /api-docs}). Who may call what is the security configuration's: the staff API takes a staff member's
 * Camunda login, accepting an invitation and resetting a password are open (the mailed token is the credential),
 * everything else takes a customer's email and password. Errors are RFC 7807 problems.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

    static final String CUSTOMER = "customer";
    static final String STAFF = "staff";

    @Bean
    OpenAPI supportDeskApi() {
        return new OpenAPI()
                .info(new Info().title("Support Desk API")
                        .description("""
                                Tickets, replies, follow-ups and the organisation's contacts for customers; \
                                registration, the staff search, internal notes and mail that needs a person for \
                                staff. Errors are RFC 7807 problems (application/problem+json) with a code and, \
                                for bad input, the field errors. Calls that create something take an \
                                Idempotency-Key header. README's curl lines are examples of each.""")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes(CUSTOMER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic").description("A customer's email address and password"))
                        .addSecuritySchemes(STAFF, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic").description("A staff member's Camunda login (Tasklist's)")));
    }

    /** Each operation names the login it takes, from its path (as the security configuration decides it). */
    @Bean
    OpenApiCustomizer loginPerPath() {
        return api -> api.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
            if (path.startsWith("/api/staff/")) {
                operation.addSecurityItem(new SecurityRequirement().addList(STAFF));
            } else if (!path.startsWith("/api/invitations") && !path.startsWith("/api/password-resets")) {
                operation.addSecurityItem(new SecurityRequirement().addList(CUSTOMER));
            }
        }));
    }
}
