package org.lanfree.testkit.postgres;

/** How the cluster's pg_hba.conf lets TCP clients in, and how it stores the superuser's password. */
public enum AuthMethod {
    /** No password asked. */
    TRUST("trust"),
    /** MD5 challenge; the password is stored as an MD5 hash so that the server really asks for MD5. */
    MD5("md5"),
    /** SCRAM-SHA-256, PostgreSQL's default since 14. */
    SCRAM_SHA_256("scram-sha-256");

    private final String hbaKeyword;

    AuthMethod(String hbaKeyword) {
        this.hbaKeyword = hbaKeyword;
    }

    /** The word used in pg_hba.conf. */
    public String hbaKeyword() {
        return hbaKeyword;
    }

    /** The {@code password_encryption} setting that stores passwords for this method. */
    String passwordEncryption() {
        return this == MD5 ? "md5" : "scram-sha-256";
    }
}
