package org.supportdesk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.supportdesk.inbound.LenientMime;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SupportDeskApplication {

    static {
        // before anything loads the MIME library: some of its switches are read once (issue #24)
        LenientMime.install();
    }

    public static void main(String[] args) {
        SpringApplication.run(SupportDeskApplication.class, args);
    }
}
