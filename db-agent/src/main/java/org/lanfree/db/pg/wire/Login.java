package org.lanfree.db.pg.wire;

import com.ongres.scram.client.ScramClient;
import com.ongres.scram.common.StringPreparation;
import com.ongres.scram.common.exception.ScramException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The login exchange after the startup message:
 * <pre>
 *   S: R(0)                                        trust
 *   S: R(3)           C: p(password)               cleartext
 *   S: R(5, salt)     C: p("md5" + hex(md5(hex(md5(pw + user)) + salt)))
 *   S: R(10, mechs)   C: p(SCRAM-SHA-256, client-first)
 *   S: R(11, server-first)  C: p(client-final)
 *   S: R(12, server-final)  (the client checks the server's signature)
 *   then S: R(0), S*, K, Z
 * </pre>
 * An ErrorResponse may come at any step, even before the first R (too many connections).
 */
final class Login {

    private static final String SCRAM_SHA_256 = "SCRAM-SHA-256";

    private final ConnectionConfig config;
    private final MessageReader in;
    private final MessageWriter out;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private ScramClient scram;

    Login(ConnectionConfig config, MessageReader in, MessageWriter out) {
        this.config = config;
        this.in = in;
        this.out = out;
    }

    /** Logs in and returns the ParameterStatus values the server sent (server_version among them). */
    Map<String, String> run() throws IOException {
        Map<String, String> startup = new LinkedHashMap<>();
        startup.put("user", config.user());
        startup.put("database", config.database());
        startup.put("application_name", config.applicationName());
        if (config.serverOptions() != null) {
            startup.put("options", config.serverOptions());
        }
        if (config.mode().startupValue() != null) {
            startup.put("replication", config.mode().startupValue());
        }
        out.startup(startup);
        while (true) {
            BackendMessage m = in.read();
            switch (m) {
                case BackendMessage.Authentication a -> onAuthentication(a);
                case BackendMessage.ParameterStatus p -> parameters.put(p.name(), p.value());
                case BackendMessage.BackendKeyData k -> { }
                case BackendMessage.NoticeResponse n -> { }
                case BackendMessage.NegotiateProtocolVersion v -> { }
                case BackendMessage.ErrorResponse e -> throw new PgServerException("login as " + config.describe(), e.notice());
                case BackendMessage.ReadyForQuery z -> {
                    return parameters;
                }
                default -> throw new PgProtocolException("login as " + config.describe() + ": unexpected " + m
                        + " before ReadyForQuery; expected authentication, parameters or an error");
            }
        }
    }

    private void onAuthentication(BackendMessage.Authentication a) throws IOException {
        switch (a.code()) {
            case 0 -> { }
            case 3 -> out.password(cstring(requirePassword("a cleartext password")));
            case 5 -> out.password(cstring(md5Answer(config.user(), requirePassword("an MD5 password"), a.data())));
            case 10 -> onSaslStart(a.data());
            case 11 -> onSaslContinue(a.data());
            case 12 -> onSaslFinal(a.data());
            default -> throw new PgProtocolException("login as " + config.describe() + ": the server asks for"
                    + " authentication method " + a.code() + ", expected 0 (trust), 3 (password), 5 (MD5) or"
                    + " 10 (SASL); HINT: use scram-sha-256, md5, password or trust in pg_hba.conf for this client");
        }
    }

    private void onSaslStart(byte[] data) throws IOException {
        List<String> offered = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.hasRemaining()) {
            String mech = BackendMessage.cstring(b);
            if (mech.isEmpty()) {
                break;
            }
            offered.add(mech);
        }
        if (!offered.contains(SCRAM_SHA_256)) {
            throw new PgProtocolException("login as " + config.describe() + ": the server offers SASL mechanisms "
                    + offered + ", expected " + SCRAM_SHA_256 + " (channel binding needs TLS, which this client"
                    + " does not speak); HINT: allow scram-sha-256 without TLS for this client in pg_hba.conf");
        }
        String pw = requirePassword("a SCRAM-SHA-256 password");
        scram = ScramClient.builder()
                .advertisedMechanisms(List.of(SCRAM_SHA_256))
                .username("*") // PostgreSQL takes the user from the startup message
                .password(pw.toCharArray())
                .stringPreparation(StringPreparation.POSTGRESQL_PREPARATION)
                .build();
        out.saslInitialResponse(SCRAM_SHA_256, scram.clientFirstMessage().toString().getBytes(StandardCharsets.UTF_8));
    }

    private void onSaslContinue(byte[] data) throws IOException {
        requireScram(11);
        try {
            scram.serverFirstMessage(new String(data, StandardCharsets.UTF_8));
        } catch (ScramException e) {
            throw new PgProtocolException("login as " + config.describe() + ": bad SCRAM server-first message: "
                    + e.getMessage(), e);
        }
        out.password(scram.clientFinalMessage().toString().getBytes(StandardCharsets.UTF_8));
    }

    private void onSaslFinal(byte[] data) {
        requireScram(12);
        try {
            scram.serverFinalMessage(new String(data, StandardCharsets.UTF_8));
        } catch (ScramException e) {
            throw new PgProtocolException("login as " + config.describe() + ": the server's SCRAM signature does not"
                    + " verify (" + e.getMessage() + "); HINT: this server may not be the one you meant", e);
        }
    }

    private void requireScram(int code) {
        if (scram == null) {
            throw new PgProtocolException("login as " + config.describe() + ": SASL step " + code
                    + " came before SASL started (10)");
        }
    }

    private String requirePassword(String what) {
        if (config.password() == null) {
            throw new IllegalStateException("login as " + config.describe() + ": the server asks for " + what
                    + " but none was given; HINT: configure the role's password, or a trust line in pg_hba.conf");
        }
        return config.password();
    }

    /** {@code "md5" + hex(md5(hex(md5(password + user)) + salt))}. */
    static String md5Answer(String user, String password, byte[] salt) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] inner = bytes(HexFormat.of().formatHex(md5.digest(bytes(password + user))));
            md5.update(inner);
            md5.update(salt);
            return "md5" + HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5 digest", e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] cstring(String s) {
        byte[] b = bytes(s);
        byte[] withNul = new byte[b.length + 1];
        System.arraycopy(b, 0, withNul, 0, b.length);
        return withNul;
    }
}
