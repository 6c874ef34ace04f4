package org.lanfree.media.catalog;

import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The catalog's copy of each media server's tape library: its slots and drives and which
 * cartridge sits where. The VTL moves cartridges; it records each move here, so that
 * {@code v_tapes} and {@code tape status} can say where a tape is.
 */
public final class Library {

    private final Db db;
    private final Clock clock;

    Library(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Declares a library with {@code storageSlots} storage slots (0..n-1), {@code ieSlots} import/export slots after them, and its drives. */
    public void define(String library, int storageSlots, int ieSlots, List<String> driveNames) {
        Names.require("library name", library, Names.NAME);
        db.use(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM libraries WHERE name = :name").bind("name", library).mapTo(Long.class).one() == 0) {
                h.createUpdate("INSERT INTO libraries (name, created_at) VALUES (:name, :now)")
                        .bind("name", library).bind("now", Rows.at(clock.instant())).execute();
            }
            for (int i = 0; i < storageSlots + ieSlots; i++) {
                String kind = i < storageSlots ? "storage" : "ie";
                int n = h.createUpdate("UPDATE slots SET kind = :kind WHERE library = :library AND slot_no = :no")
                        .bind("kind", kind).bind("library", library).bind("no", i).execute();
                if (n == 0) {
                    h.createUpdate("INSERT INTO slots (library, slot_no, kind) VALUES (:library, :no, :kind)")
                            .bind("library", library).bind("no", i).bind("kind", kind).execute();
                }
            }
            for (int i = 0; i < driveNames.size(); i++) {
                int n = h.createUpdate("UPDATE drives SET name = :name WHERE library = :library AND drive_no = :no")
                        .bind("name", driveNames.get(i)).bind("library", library).bind("no", i).execute();
                if (n == 0) {
                    h.createUpdate("INSERT INTO drives (library, drive_no, name) VALUES (:library, :no, :name)")
                            .bind("library", library).bind("no", i).bind("name", driveNames.get(i)).execute();
                }
            }
        });
    }

    /** Records that {@code barcode} now sits in slot {@code slotNo} (storage or import/export) of {@code library}. */
    public void placeInSlot(String library, String barcode, int slotNo) {
        place(library, barcode, "UPDATE slots SET barcode = :barcode WHERE library = :library AND slot_no = :no AND barcode IS NULL",
                "slot " + slotNo, slotNo);
    }

    /** Records that {@code barcode} is loaded in drive {@code driveNo} of {@code library}. */
    public void placeInDrive(String library, String barcode, int driveNo) {
        place(library, barcode, "UPDATE drives SET barcode = :barcode WHERE library = :library AND drive_no = :no AND barcode IS NULL",
                "drive " + driveNo, driveNo);
    }

    /** Records that {@code barcode} left every library (exported). */
    public void remove(String barcode) {
        db.use(h -> clear(h, barcode));
    }

    /** Records which job uses a drive (null: idle). */
    public void assignDrive(String library, int driveNo, Long jobId) {
        db.use(h -> {
            int n = h.createUpdate("UPDATE drives SET job_id = :job WHERE library = :library AND drive_no = :no")
                    .bind("job", jobId).bind("library", library).bind("no", driveNo).execute();
            if (n == 0) {
                throw CatalogException.refused("library " + library + " has no drive " + driveNo);
            }
        });
    }

    public List<Slot> slots(String library) {
        return db.read(h -> h.createQuery("SELECT library, slot_no, kind, barcode FROM slots WHERE library = :library"
                        + " ORDER BY slot_no").bind("library", library)
                .map((rs, ctx) -> new Slot(rs.getString("library"), rs.getInt("slot_no"), Rows.code(rs, "kind", Slot.Kind.class),
                        rs.getString("barcode"))).list());
    }

    public List<Drive> drives(String library) {
        return db.read(h -> h.createQuery("SELECT library, drive_no, name, barcode, job_id FROM drives"
                        + " WHERE library = :library ORDER BY drive_no").bind("library", library)
                .map((rs, ctx) -> new Drive(rs.getString("library"), rs.getInt("drive_no"), rs.getString("name"),
                        rs.getString("barcode"), Rows.longOrNull(rs, "job_id"))).list());
    }

    private void place(String library, String barcode, String sql, String target, int no) {
        db.use(h -> {
            if (Cartridges.byBarcode(h, barcode).isEmpty()) {
                throw CatalogException.refused("cannot place cartridge " + barcode + " in " + target + " of " + library
                        + ": it is not in the catalog; HINT: add it with Cartridges.add");
            }
            clear(h, barcode);
            int n = h.createUpdate(sql).bind("barcode", barcode).bind("library", library).bind("no", no).execute();
            if (n == 0) {
                throw CatalogException.refused("cannot place cartridge " + barcode + " in " + target + " of " + library
                        + ": it does not exist or holds another cartridge");
            }
        });
    }

    private static void clear(Handle h, String barcode) {
        h.createUpdate("UPDATE slots SET barcode = NULL WHERE barcode = :barcode").bind("barcode", barcode).execute();
        h.createUpdate("UPDATE drives SET barcode = NULL WHERE barcode = :barcode").bind("barcode", barcode).execute();
    }
}
