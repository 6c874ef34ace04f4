package org.lanfree.media.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The catalog stores enumerations as their lower-case names ('good', 'incremental'). */
final class Codes {

    private Codes() {
    }

    static String of(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String code) {
        if (code == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (of(e).equals(code)) {
                return e;
            }
        }
        throw new CatalogException("the catalog holds " + type.getSimpleName() + " '" + code + "', expected one of "
                + Arrays.stream(type.getEnumConstants()).map(Codes::of).collect(Collectors.joining(", "))
                + "; HINT: the catalog was written by a newer lanfree", false);
    }
}
