package org.supportdesk.portal;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/** Browser tests (profile {@code e2e}): one headless Chromium per test class, on the test server's port. */
public abstract class BrowserTests {

    protected static Browser browser;

    @BeforeAll
    static void startBrowser(@Autowired Environment environment) {
        browser = new Browser(Integer.parseInt(environment.getProperty("local.server.port")));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
