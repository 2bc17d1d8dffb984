package org.convscope.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.convscope.keras.limits.LoadLimits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile paths (issue 21), on Linux: a FIFO named like a model (which blocked the load forever in
 * {@code Files.readAllBytes}), symbolic links to {@code /dev/zero} and {@code /dev/urandom} (size
 * 0, endless: they ran the heap out), loops of links, links to nothing, and sparse files over and
 * under the file budget. Each gives a one-line {@link KerasLoadException} naming the path and what
 * it is, quickly, as the model file and as the architecture file. Skipped elsewhere.
 */
class HostilePathTest {
    @TempDir Path dir;

    @BeforeAll
    static void linuxOnly() {
        assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"), "Linux only (FIFOs, /dev/zero)");
    }

    private static KerasLoadException refused(Path file, Class<? extends KerasLoadException> type, String... mustContain) {
        KerasLoadException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(KerasLoadException.class, () -> KerasModel.load(file)));
        check(e, file, type, mustContain);
        // the same file as the architecture of a weights file
        KerasLoadException a = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(KerasLoadException.class, () -> KerasModel.load(Fixtures.file("keras3/kaggle_custom_convnet.weights.h5"), file)));
        check(a, file, type, mustContain);
        return e;
    }

    private static void check(KerasLoadException e, Path file, Class<? extends KerasLoadException> type, String... mustContain) {
        String m = e.getMessage();
        System.out.println("HOSTILE PATH " + e.getClass().getSimpleName() + ": " + m);
        assertInstanceOf(type, e, m);
        assertTrue(m.contains(file.toString()), "names the file: " + m);
        assertTrue(!m.contains("\n") && m.length() < 600, "one short line: " + m);
        for (String s : mustContain) assertTrue(m.contains(s), "should contain '" + s + "': " + m);
        for (Throwable x = e; x != null; x = x.getCause()) assertTrue(!(x instanceof VirtualMachineError), "no VM error in the chain");
    }

    @Test
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = dir.resolve("m.h5");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        assumeTrue(p.waitFor() == 0 && Files.exists(fifo), "mkfifo works here");
        refused(fifo, UnsupportedFormatException.class, "a FIFO (named pipe)", "not a regular file");
        IllegalArgumentException ref = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(IllegalArgumentException.class,
                () -> org.convscope.keras.check.ReferenceFile.read(fifo)));
        assertTrue(ref.getMessage().contains("not a regular file"), ref.getMessage());
        Path link = Files.createSymbolicLink(dir.resolve("link.keras"), fifo);
        refused(link, UnsupportedFormatException.class, "a FIFO (named pipe)", "symbolic link to " + fifo);
    }

    @Test
    void linksToEndlessDevicesAreRefused() throws Exception {
        for (String dev : new String[] {"/dev/zero", "/dev/urandom", "/dev/null"}) {
            assumeTrue(Files.exists(Path.of(dev)), dev);
            Path link = Files.createSymbolicLink(dir.resolve("model-" + Path.of(dev).getFileName() + ".h5"), Path.of(dev));
            refused(link, UnsupportedFormatException.class, "a character device", dev);
        }
        refused(Path.of("/dev/zero"), UnsupportedFormatException.class, "a character device");
    }

    @Test
    void loopsOfLinksAndLinksToNothingAreNamed() throws Exception {
        Path a = dir.resolve("a.h5");
        Path b = dir.resolve("b.h5");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        refused(a, KerasLoadException.class, "symbolic link", "loop");
        Path self = Files.createSymbolicLink(dir.resolve("self.keras"), Path.of("self.keras"));
        refused(self, KerasLoadException.class, "loop");
        Path dangling = Files.createSymbolicLink(dir.resolve("gone.h5"), dir.resolve("nothing-here.h5"));
        refused(dangling, KerasLoadException.class, "no such file", "symbolic link to a missing file");
    }

    @Test
    void aSparseFileOverTheBudgetIsRefusedFromItsSizeAndOneUnderItAsNotAModel() throws Exception {
        long budget = LoadLimits.fileBudget();
        Path big = dir.resolve("sparse.h5");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(budget + (1 << 20)); // holes: nothing is written
        }
        long before = TestFiles.allocatedBytes();
        KerasLoadException e = refused(big, LoadLimitException.class, String.format(Locale.ROOT, "%,d bytes", budget + (1 << 20)),
                "memory limit, not a damaged file", "maximum heap is " + LoadLimits.heap());
        assertTrue(TestFiles.allocatedBytes() - before < 64 << 20, "refused before reading (allocated "
                + (TestFiles.allocatedBytes() - before) + " bytes)");
        assertTrue(e.getMessage().contains("raise -Xmx"), e.getMessage());
        Path small = dir.resolve("sparse-small.h5");
        try (RandomAccessFile f = new RandomAccessFile(small.toFile(), "rw")) {
            f.setLength(8 << 20);
        }
        refused(small, CorruptFileException.class, "neither HDF5");
    }

    @Test
    void aLinkToARealModelStillLoads() throws Exception {
        Path model = Fixtures.file("keras3/kaggle_custom_convnet.keras");
        Path link = Files.createSymbolicLink(dir.resolve("linked.keras"), model.toAbsolutePath());
        assertEquals(KerasModel.load(model).summary(), KerasModel.load(link).summary());
    }
}
