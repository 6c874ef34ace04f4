package org.lanfree.cli.transport;

import org.lanfree.array.config.ConfigException;
import org.lanfree.array.config.Sizes;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses a byte count with an optional binary suffix: {@code 1G}, {@code 256M}, {@code 4096}. */
final class ByteSize implements ITypeConverter<Long> {

    @Override
    public Long convert(String text) {
        try {
            return Sizes.parse("size", text);
        } catch (ConfigException e) {
            throw new TypeConversionException("'" + text + "' is not a size; write a whole number of bytes with"
                    + " an optional K, M or G suffix, e.g. 1G");
        }
    }
}
