package org.supportdesk.account;

import org.supportdesk.catalog.Product;

import java.time.LocalDate;

public record Licence(Product product, String key, LocalDate expiresOn, SupportLevel supportLevel,
                      boolean extendedSupport) {

    /** R1: a licence is active until (and including) its expiry date. */
    public boolean isActiveOn(LocalDate day) {
        return !day.isAfter(expiresOn);
    }
}
