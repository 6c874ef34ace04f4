package org.lanfree.media.catalog;

import java.util.regex.Pattern;

/** Checks the names the catalog keys on, so a bad one fails with its rule rather than a constraint error. */
final class Names {

    /** Clients, policies, pools, libraries: letters, digits, '.', '_', '-', at most 64 characters. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Cartridge barcodes as a tape library reads them: upper-case letters and digits, e.g. LF0001L8. */
    static final Pattern BARCODE = Pattern.compile("[A-Z0-9]{1,16}");

    private Names() {
    }

    static String require(String what, String value, Pattern rule) {
        if (value == null || !rule.matcher(value).matches()) {
            throw CatalogException.refused(what + " '" + value + "' is not valid, expected " + describe(rule));
        }
        return value;
    }

    private static String describe(Pattern rule) {
        if (rule == BARCODE) {
            return "1 to 16 upper-case letters and digits (e.g. LF0001L8)";
        }
        return "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";
    }
}
