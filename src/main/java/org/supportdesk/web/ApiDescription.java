package org.supportdesk.web;

import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
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

    /**
     * The request bodies of README's curl lines ({@code api-examples.json}, "METHOD path" to examples) as the JSON
     * examples of their operations; {@code ApiDescriptionTest} checks that README and the description agree.
     */
    @Bean
    OpenApiCustomizer readmeExamples(ObjectMapper json) {
        return api -> {
            Map<String, List<Object>> examples;
            try (var in = new ClassPathResource("api-examples.json").getInputStream()) {
                examples = json.readValue(in, new TypeReference<>() { });
            } catch (java.io.IOException e) {
                throw new IllegalStateException("api-examples.json cannot be read", e);
            }
            examples.forEach((key, values) -> {
                String[] methodAndPath = key.split(" ", 2);
                PathItem item = api.getPaths().get(methodAndPath[1]);
                Operation operation = item == null ? null
                        : item.readOperationsMap().get(PathItem.HttpMethod.valueOf(methodAndPath[0]));
                if (operation == null || operation.getRequestBody() == null) {
                    throw new IllegalStateException("api-examples.json: no operation " + key + " with a body");
                }
                MediaType body = operation.getRequestBody().getContent().get("application/json");
                if (body == null) {
                    throw new IllegalStateException("api-examples.json: " + key + " takes no JSON");
                }
                for (int i = 0; i < values.size(); i++) {
                    body.addExamples(i == 0 ? "README" : "README " + (i + 1), new Example().value(values.get(i)));
                }
            });
        };
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
