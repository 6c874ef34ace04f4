package org.lanfree.cli.transport;

import java.io.IOException;
import java.io.PrintWriter;

import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.console.Json;
import org.lanfree.connect.handshake.Refusal;
import org.lanfree.connect.wire.WireException;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The sessions a listening role serves, as it reports them: one line per session (a JSON object
 * per line with {@code --json}), counted in a {@link SessionBook}, and the final outcome once
 * the last session asked for is over. A refused connection counts as a failed session.
 */
final class ServedSessions {

    private final String role;
    private final PrintWriter out;
    private final boolean json;
    private final SessionBook book;

    ServedSessions(String role, PrintWriter out, boolean json, int limit) {
        this.role = role;
        this.out = out;
        this.json = json;
        this.book = new SessionBook(limit);
    }

    /** A line for the operator; nothing with --json. */
    void say(String line) {
        if (!json) {
            print(role + ": " + line);
        }
    }

    void onTransfer(String session, Transfer t) {
        if (json) {
            ObjectNode n = TransferReport.json(t);
            n.put("session", session);
            print(n.toString());
        } else {
            print(role + ": session " + session + ": " + TransferReport.line(t));
        }
        book.record(t.ok());
    }

    void onFailure(String session, IOException e) {
        WireException w = WireException.of(e);
        String text = (Failures.authentication(w) ? "authentication failed: " : "") + w.getMessage();
        if (json) {
            print(failure(session, text).toString());
        } else {
            print(role + ": session " + session + " failed: " + text);
        }
        book.record(false);
    }

    void onRefusal(Refusal r) {
        if (json) {
            print(failure("from " + r.peer(), (r.authentication() ? "authentication failed: " : "")
                    + r.reason().getMessage()).toString());
        } else {
            print(role + ": " + Failures.refusal(r));
        }
        book.record(false);
    }

    /**
     * Waits for the last session asked for; returns 0 when every one checked out and fails with
     * the count otherwise.
     */
    int awaitLast() {
        try {
            book.awaitLast();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.failed("interrupted after " + book.finished() + " sessions");
        }
        if (book.failed() > 0) {
            throw CommandFailure.failed(book.failed() + " of " + book.finished()
                    + " sessions failed or did not check out (see the lines above)");
        }
        say("served " + book.finished() + (book.finished() == 1 ? " session" : " sessions") + ", all OK");
        return 0;
    }

    private ObjectNode failure(String session, String error) {
        ObjectNode n = Json.object();
        n.put("role", role);
        n.put("session", session);
        n.put("verdict", "FAILED");
        n.put("error", error);
        return n;
    }

    private void print(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
