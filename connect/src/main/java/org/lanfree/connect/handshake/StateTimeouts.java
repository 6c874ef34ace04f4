package org.lanfree.connect.handshake;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** How long a handshake may stay in each of its states. Immutable. */
public final class StateTimeouts<S extends Enum<S>> {

    private final Map<S, Duration> timeouts;

    private StateTimeouts(Map<S, Duration> timeouts) {
        this.timeouts = timeouts;
    }

    /** The same timeout for every state of {@code states}. */
    public static <S extends Enum<S>> StateTimeouts<S> uniform(Class<S> states, Duration timeout) {
        check(timeout);
        EnumMap<S, Duration> map = new EnumMap<>(states);
        for (S state : states.getEnumConstants()) {
            map.put(state, timeout);
        }
        return new StateTimeouts<>(map);
    }

    /** A copy in which {@code state} has {@code timeout}. */
    public StateTimeouts<S> with(S state, Duration timeout) {
        check(timeout);
        EnumMap<S, Duration> map = new EnumMap<>(timeouts);
        map.put(state, timeout);
        return new StateTimeouts<>(map);
    }

    public Duration of(S state) {
        return timeouts.get(state);
    }

    @Override
    public String toString() {
        return "StateTimeouts" + timeouts;
    }

    private static void check(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("state timeout " + timeout + " must be positive");
        }
    }
}
