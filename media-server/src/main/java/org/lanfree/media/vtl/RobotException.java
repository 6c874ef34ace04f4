package org.lanfree.media.vtl;

/** A request to the library's robot or inventory that was refused; the library did not change. */
public final class RobotException extends TapeException {

    /** Why the robot refused, as a changer reports it. */
    public enum Reason {
        /** The slot, drive or import/export slot number does not exist in this library. */
        NO_SUCH_ELEMENT(Sense.ILLEGAL_REQUEST),
        /** The source element holds no cartridge. */
        SOURCE_EMPTY(Sense.ILLEGAL_REQUEST),
        /** The destination element already holds a cartridge. */
        DESTINATION_FULL(Sense.ILLEGAL_REQUEST),
        /** The cartridge is loaded in a drive, and the request needs it in a slot. */
        ALREADY_LOADED(Sense.ILLEGAL_REQUEST),
        /** No cartridge with this barcode is in the library. */
        UNKNOWN_BARCODE(Sense.ILLEGAL_REQUEST),
        /** A cartridge with this barcode is already in the library. */
        DUPLICATE_BARCODE(Sense.ILLEGAL_REQUEST),
        /** The cartridge must be in an import/export slot for this request, and is not. */
        NOT_IN_IMPORT_EXPORT_SLOT(Sense.ILLEGAL_REQUEST),
        /** Every storage slot (or every import/export slot) is full. */
        NO_FREE_SLOT(Sense.ILLEGAL_REQUEST),
        /** No scratch cartridge is left; retrying helps once one is imported or returned to scratch. */
        NO_SCRATCH(Sense.NOT_READY);

        private final Sense sense;

        Reason(Sense sense) {
            this.sense = sense;
        }
    }

    private final Reason reason;

    public RobotException(Reason reason, String message) {
        super(reason.sense, "library: " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
