package org.lanfree.fs.tree;

import java.util.Iterator;
import org.lanfree.fs.posix.ByteString;

/**
 * {@code PreviousTreeAsChild N}: adds N fingerprints in a scrambled order (by folder-then-name
 * order would be too kind), reads them back and prints whether they came in strict tree order
 * with their facts. Nothing per fingerprint is kept here, so the heap measured is the sorter's.
 */
public final class PreviousTreeAsChild {

    private PreviousTreeAsChild() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        String stem = "a-name-long-enough-that-keeping-every-fingerprint-would-not-fit-".repeat(3);
        long sorted = 0;
        boolean ordered = true;
        boolean facts = true;
        try (PreviousTree tree = new PreviousTree()) {
            for (long i = 0; i < n; i++) {
                int k = (int) ((i * 7_919L) % n); // 7919 is prime and does not divide n: a permutation
                tree.add(new Fingerprint(path(k, stem), k, k, k, k, 0100644, 0, 0));
            }
            ByteString last = null;
            Iterator<Fingerprint> it = tree.inTreeOrder();
            while (it.hasNext()) {
                Fingerprint f = it.next();
                facts &= f.path().equals(path((int) f.size(), stem));
                ordered &= last == null || TreeOrder.INSTANCE.compare(last, f.path()) < 0;
                last = f.path();
                sorted++;
            }
        }
        System.out.println("sorted=" + sorted + " ordered=" + ordered + " facts=" + facts);
    }

    /** Folders and files whose names share prefixes with '-', '.' and bytes past 0x7f, so tree order matters. */
    private static ByteString path(int k, String stem) {
        String folder = "d" + (k % 97) + ((k % 3 == 0) ? "" : (k % 3 == 1 ? "-x" : ".x"));
        String name = stem + k + ((k & 1) == 0 ? "" : "\u00e9");
        return ByteString.of(folder + "/" + (k % 5 == 0 ? "sub/" : "") + name);
    }
}
