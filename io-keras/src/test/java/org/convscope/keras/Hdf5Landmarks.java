package org.convscope.keras;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;

/**
 * The offsets where an HDF5 file's structures start and end: the superblock, every signed structure
 * (v1 B-tree nodes "TREE", local heaps "HEAP", symbol-table nodes "SNOD", global heaps "GCOL", v2
 * object headers and B-trees, fractal heaps), the object header of every group and dataset, and the
 * first and last byte of every contiguous dataset's data. Truncations and size-field overwrites aim
 * there, since that is where a parser decides how much to read.
 */
final class Hdf5Landmarks {
    private static final String[] SIGNATURES = {"TREE", "HEAP", "SNOD", "GCOL", "OHDR", "OCHK", "FRHP", "FHDB", "FHIB",
            "BTHD", "BTIN", "BTLF", "FSHD", "FSSE"};

    private Hdf5Landmarks() {}

    /** Sorted offsets (0 = the superblock), all inside the file. */
    static int[] of(byte[] h5) {
        TreeSet<Integer> at = new TreeSet<>();
        at.add(0);
        for (String s : SIGNATURES) {
            byte[] sig = s.getBytes(StandardCharsets.US_ASCII);
            for (int i = indexOf(h5, sig, 0); i >= 0; i = indexOf(h5, sig, i + 1)) at.add(i);
        }
        try (HdfFile f = HdfFile.fromBytes(h5)) {
            walk(f, at, h5.length, 0);
        }
        at.removeIf(i -> i < 0 || i >= h5.length);
        return at.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void walk(Node n, TreeSet<Integer> at, int length, int depth) {
        if (depth > 32) return;
        at.add((int) Math.min(length, n.getAddress()));
        if (n instanceof ContiguousDataset d) {
            long a = d.getDataAddress();
            at.add((int) Math.min(length, a));
            at.add((int) Math.min(length, a + ((Dataset) d).getSizeInBytes() - 1));
        }
        if (n instanceof Group g) for (Node c : g.getChildren().values()) walk(c, at, length, depth + 1);
    }

    static int indexOf(byte[] b, byte[] pat, int from) {
        outer:
        for (int i = Math.max(0, from); i + pat.length <= b.length; i++) {
            for (int j = 0; j < pat.length; j++) if (b[i + j] != pat[j]) continue outer;
            return i;
        }
        return -1;
    }
}
