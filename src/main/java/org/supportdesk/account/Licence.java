package org.supportdesk.account;

import org.supportdesk.catalog.Product;

import java.time.LocalDate;

/**
 * R1: a licence for one product, and its optional Extended Support add-on (R21), which has a term of its own.
 *
 * @param extendedSupportExpiresOn the last day of the Extended Support add-on for this licence's product, or
 *                                 {@code null} when the licence has never had it
 */
public record Licence(Product product, String key, LocalDate expiresOn, SupportLevel supportLevel,
                      LocalDate extendedSupportExpiresOn) {

    /** R1: a licence is active until (and including) its expiry date. */
    public boolean isActiveOn(LocalDate day) {
        return !day.isAfter(expiresOn);
    }

    /**
     * R21: the add-on counts for this licence's product only while both the licence and the add-on are active, up to
     * and including the add-on's expiry day.
     */
    public boolean hasExtendedSupportOn(LocalDate day) {
        return isActiveOn(day) && extendedSupportExpiresOn != null && !day.isAfter(extendedSupportExpiresOn);
    }

    /** The same licence with its Extended Support add-on recorded or renewed until {@code expiresOn}. */
    public Licence withExtendedSupportUntil(LocalDate expiresOn) {
        return new Licence(product, key, this.expiresOn, supportLevel, expiresOn);
    }
}
