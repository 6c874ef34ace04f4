package org.lanfree.connect.auth;

/** What a process is, as its greeting announces it; the code is the greeting's role byte. */
public enum Role {
    MEDIA_SERVER(1),
    FS_AGENT(2),
    DB_AGENT(3),
    /** The operator's command line on its admin connection to a media server. */
    ADMIN(4);

    private final int code;

    Role(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The role's name for a role byte, for messages; unknown bytes are shown as numbers. */
    public static String describe(int code) {
        for (Role role : values()) {
            if (role.code == code) {
                return role.name();
            }
        }
        return "unknown role " + code;
    }
}
