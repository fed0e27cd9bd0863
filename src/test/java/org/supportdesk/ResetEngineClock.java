package org.supportdesk;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Every test starts with the real clock, whatever the previous one did. */
public class ResetEngineClock implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        EngineTime.reset();
    }
}
