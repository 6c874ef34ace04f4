package org.lanfree.cli.list;

import java.util.List;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A {@code --status} word, checked against the catalog's backup statuses. */
final class StatusConverter implements ITypeConverter<String> {

    static final List<String> STATUSES = List.of("running", "good", "warnings", "failed", "damaged", "expired");

    @Override
    public String convert(String value) {
        String code = value.strip().toLowerCase();
        if (!STATUSES.contains(code)) {
            throw new TypeConversionException("'" + value + "' is not a backup status; expected one of "
                    + String.join(", ", STATUSES));
        }
        return code;
    }
}
