package org.lanfree.fs.restore;

/** The restore decided not to create a member (unsafe, not allowed, something in the way); a warning says why. */
final class MemberSkipped extends Exception {

    MemberSkipped(String reason) {
        super(reason, null, false, false);
    }
}
