package org.supportdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * Issue #14: every {@code support.*} settings record has the defaults {@code application.yaml} documents, so that a
 * setting left out of a production configuration means what the documented file says (and the configuration
 * processor's metadata, built from the records, agrees with it).
 */
class ConfigurationDefaultsTest {

    @Test
    void everySettingsRecordDefaultsToWhatApplicationYamlSays() throws Exception {
        MutablePropertySources yaml = new MutablePropertySources();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yaml",
                new ClassPathResource("application.yaml"))) {
            yaml.addLast(source);
        }
        // a setting whose documented value is an empty environment default (${SUPPORT_X:}) is unset, as in a record;
        // the inbound mailboxes name support.mail's two addresses and the environment's logins: no record can
        // default to other settings, so they are the one documented value without a record default
        PropertySourcesPlaceholdersResolver placeholders = new PropertySourcesPlaceholdersResolver(yaml);
        java.util.Map<String, Object> documentedValues = new java.util.LinkedHashMap<>();
        for (PropertySource<?> source : yaml) {
            for (String name : ((org.springframework.core.env.EnumerablePropertySource<?>) source).getPropertyNames()) {
                Object value = placeholders.resolvePlaceholders(source.getProperty(name));
                if (!"".equals(value) && !name.startsWith("support.mail.inbound.mailboxes")) {
                    documentedValues.putIfAbsent(name, value);
                }
            }
        }
        Binder fromYaml = new Binder(new org.springframework.boot.context.properties.source
                .MapConfigurationPropertySource(documentedValues));
        Binder empty = new Binder(ConfigurationPropertySources.from(new MutablePropertySources()));

        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<String> differing = new ArrayList<>();
        int checked = 0;
        for (var candidate : scanner.findCandidateComponents("org.supportdesk")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            String prefix = annotation.value().isEmpty() ? annotation.prefix() : annotation.value();
            if (!prefix.startsWith("support")) {
                continue;
            }
            checked++;
            Object defaults = empty.bindOrCreate(prefix, Bindable.of(type));
            Object documented = fromYaml.bindOrCreate(prefix, Bindable.of(type));
            if (!defaults.equals(documented)) {
                differing.add(prefix + ":\n  record defaults " + defaults + "\n  application.yaml " + documented);
            }
        }
        assertThat(checked).as("settings records under support.*").isGreaterThanOrEqualTo(8);
        assertThat(differing).isEmpty();
    }

    @Test
    void everySupportSettingIsExplainedInTheConfigurationMetadata() throws Exception {
        com.fasterxml.jackson.databind.JsonNode metadata = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream());
        List<String> settings = new ArrayList<>();
        List<String> unexplained = new ArrayList<>();
        metadata.path("properties").forEach(property -> {
            String name = property.path("name").asText();
            if (name.startsWith("support.")) {
                settings.add(name);
                if (property.path("description").asText().isBlank()) {
                    unexplained.add(name);
                }
            }
        });
        assertThat(settings).contains("support.mail.dispatch.batch-size", "support.attachments.web.max-file-size",
                "support.mail.inbound.authentication.authserv-ids", "support.calendar.opens-at");
        assertThat(unexplained).as("support.* settings without a description (@param of the record)").isEmpty();
    }
}
