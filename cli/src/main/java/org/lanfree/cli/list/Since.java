package org.lanfree.cli.list;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A {@code --since} time: an age ({@code 30m}, {@code 12h}, {@code 7d}, {@code 2w}: that long
 * before now), an ISO date ({@code 2025-06-01}: its midnight), a local ISO date-time
 * ({@code 2025-06-01T12:00}), both in this machine's time zone, or an ISO date-time with offset
 * ({@code 2025-06-01T12:00:00Z}). Anything else is bad usage (exit 2).
 */
public final class Since implements ITypeConverter<Instant> {

    private static final Pattern AGE = Pattern.compile("(\\d{1,9})([mhdw])");

    private final Clock clock;

    public Since() {
        this(Clock.systemDefaultZone());
    }

    Since(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Instant convert(String value) {
        return parse(value, clock);
    }

    static Instant parse(String value, Clock clock) {
        String text = value.strip();
        Matcher age = AGE.matcher(text);
        if (age.matches()) {
            long n = Long.parseLong(age.group(1));
            Duration d = switch (age.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return clock.instant().minus(d);
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(clock.getZone()).toInstant();
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).atZone(clock.getZone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a time; expected an age such as 30m, 12h, 7d"
                    + " or 2w, an ISO date (2025-06-01), or an ISO date-time (2025-06-01T12:00, 2025-06-01T12:00:00Z)");
        }
    }
}
