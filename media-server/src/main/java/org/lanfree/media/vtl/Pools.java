package org.lanfree.media.vtl;

/** Pool names: {@value #SCRATCH} holds the free cartridges; other pools are named by policies. */
public final class Pools {

    public static final String SCRATCH = "scratch";

    private Pools() {
    }

    /** Returns the name when it is 1-64 letters, digits, '.', '_' or '-'; fails otherwise. */
    public static String check(String pool) {
        if (pool == null || !pool.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("pool name '" + pool + "' is not valid: expected 1-64 letters,"
                    + " digits, '.', '_' or '-'. HINT: name pools after their policy, e.g. daily or pg-wal");
        }
        return pool;
    }
}
