package org.convscope.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.convscope.keras.h5.H5File;
import org.convscope.keras.limits.LoadLimits;
import org.convscope.keras.limits.Quote;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile contents of issue 21, each opened by path and from memory (same outcome both ways):
 * a config text over the memory budget (refused from the HDF5 metadata or the zip's central
 * directory before it is decoded, as a memory limit), a custom class on the input layer or on the
 * model, values too long to quote (cut in the message), and a central directory that maps
 * {@code config.json} to another entry.
 */
class HostileContentTest {
    @TempDir Path dir;

    private static final String H5 = "keras3/kaggle_custom_convnet.h5";
    private static final String KERAS = "keras3/kaggle_custom_convnet.keras";

    /** Loads by path and from memory; both must throw the same type with the same message (but the name). */
    private KerasLoadException bothWays(String name, byte[] file, Class<? extends KerasLoadException> type, String... mustContain)
            throws Exception {
        Path p = TestFiles.write(dir, name, file);
        KerasLoadException byPath = assertThrows(KerasLoadException.class, () -> KerasModel.load(p));
        KerasLoadException inMemory = assertThrows(KerasLoadException.class, () -> KerasModel.load(file, "mem/" + name));
        for (var e : List.of(byPath, inMemory)) {
            String m = e.getMessage();
            System.out.println("HOSTILE " + e.getClass().getSimpleName() + ": " + m.substring(0, Math.min(400, m.length())));
            assertInstanceOf(type, e, m);
            assertTrue(m.length() <= Quote.MAX_MESSAGE + 100 && !m.contains("\n"), "one readable line: " + m.length() + " characters");
            for (String s : mustContain) assertTrue(m.contains(s), "should contain '" + s + "': " + m);
            for (Throwable x = e; x != null; x = x.getCause()) assertTrue(!(x instanceof VirtualMachineError), "a VM error in the chain: " + x);
        }
        assertTrue(byPath.getMessage().contains(p.toString()), byPath.getMessage());
        assertTrue(inMemory.getMessage().contains("mem/" + name), inMemory.getMessage());
        assertEquals(byPath.getMessage().replace(p.toString(), "X"), inMemory.getMessage().replace("mem/" + name, "X"));
        return byPath;
    }

    private static String config(byte[] h5) {
        try (H5File h = H5File.open("x", h5)) {
            return h.stringAttribute("/", "model_config").orElseThrow();
        }
    }

    @Test
    void aConfigOverTheBudgetIsRefusedAsAMemoryLimitBeforeItIsDecoded() throws Exception {
        byte[] h5 = Files.readAllBytes(Fixtures.file(H5));
        String cfg = config(h5);
        SplittableRandom r = new SplittableRandom(21);
        long budget = LoadLimits.configBudget();
        for (int variant = 0; variant < BigConfig.VARIANTS.length; variant++) {
            byte[] big = BigConfig.huge(cfg, variant, 40 << 20, r);
            byte[] file = BigConfig.relocate(h5, cfg, big);
            assertTrue(file != null && file.length > 40 << 20, "test setup: a 40 MiB model_config");
            long before = TestFiles.allocatedBytes();
            bothWays("huge" + variant + ".h5", file, LoadLimitException.class, "'model_config'",
                    String.format(Locale.ROOT, "%,d bytes", big.length), "memory limit, not a damaged file",
                    "maximum heap is " + LoadLimits.heap(), String.format(Locale.ROOT, "%,d bytes", budget));
            // by path the file is read (once); nothing near the 6-8x of decoding and parsing it
            long used = TestFiles.allocatedBytes() - before;
            assertTrue(used < 3L * file.length, "refused before decoding: " + (used >> 20) + " MiB allocated for two loads");
        }
        // the same text as config.json of a .keras (refused from the central directory) and as a JSON architecture
        byte[] big = BigConfig.huge(cfg, 2, 24 << 20, r);
        byte[] zip = RawZip.write(List.of(RawZip.Entry.stored("config.json", big),
                RawZip.Entry.stored("model.weights.h5", TestFiles.zipEntryBytes(Fixtures.file(KERAS), "model.weights.h5"))));
        bothWays("huge.keras", zip, LoadLimitException.class, "config.json", "memory limit");
        Path arch = TestFiles.write(dir, "huge.json", big);
        KerasLoadException e = assertThrows(LoadLimitException.class, () -> KerasModel.load(Fixtures.file("keras3/kaggle_custom_convnet.weights.h5"), arch));
        assertTrue(e.getMessage().contains(arch.toString()) && e.getMessage().contains("memory limit"), e.getMessage());
    }

    @Test
    void aStringValueOverJacksonsLimitIsAMemoryLimitAndAModestLongValueIsCutInTheMessage() throws Exception {
        byte[] h5 = Files.readAllBytes(Fixtures.file(H5));
        String cfg = config(h5);
        // 2 MiB: under the config budget, over the 1 MiB limit of one JSON string
        byte[] two = BigConfig.huge(cfg, 1, 2 << 20, new SplittableRandom(1));
        bothWays("string.h5", BigConfig.relocate(h5, cfg, two), LoadLimitException.class, "String value length", "memory limit");
        // 500 KB class name: parsed, refused as an unknown class, quoted cut
        byte[] half = BigConfig.huge(cfg, 1, 500 << 10, new SplittableRandom(1));
        KerasLoadException e = bothWays("class.h5", BigConfig.relocate(h5, cfg, half), UnsupportedLayerException.class,
                "characters, cut)", "is not supported");
        assertTrue(e.getMessage().length() < 1500, e.getMessage().length() + " characters");
    }

    @Test
    void aCustomClassOnTheInputLayerOrTheModelIsRefused() throws Exception {
        byte[] h5 = Files.readAllBytes(Fixtures.file(H5));
        String cfg = config(h5);
        assertTrue(cfg.contains("\"class_name\": \"InputLayer\""), "test setup: an InputLayer");
        String customInput = cfg.replaceFirst("\\{\"class_name\": \"InputLayer\"",
                "{\"module\": \"my_package.layers\", \"registered_name\": \"Custom>InputLayer\", \"class_name\": \"InputLayer\"");
        assertTrue(!customInput.equals(cfg), "test setup: edited");
        bothWays("custom-input.h5", BigConfig.relocate(h5, cfg, customInput.getBytes(StandardCharsets.UTF_8)),
                UnsupportedLayerException.class, "InputLayer", "custom layer", "my_package.layers", "Custom>InputLayer");
        String kcfg = TestFiles.zipEntryText(Fixtures.file(KERAS), "config.json");
        byte[] weights = TestFiles.zipEntryBytes(Fixtures.file(KERAS), "model.weights.h5");
        String k = kcfg.replaceFirst("\"module\": \"keras.layers\", \"class_name\": \"InputLayer\"",
                "\"module\": \"my_package.layers\", \"class_name\": \"InputLayer\"");
        assertTrue(!k.equals(kcfg), "test setup: edited");
        bothWays("custom-input.keras", RawZip.write(List.of(RawZip.Entry.stored("config.json", k.getBytes(StandardCharsets.UTF_8)),
                RawZip.Entry.stored("model.weights.h5", weights))), UnsupportedLayerException.class, "InputLayer", "my_package.layers");
        // the model itself registered as a custom class
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(kcfg);
        root.put("registered_name", "Custom>MyModel");
        String model = root.toString();
        bothWays("custom-model.keras", RawZip.write(List.of(RawZip.Entry.stored("config.json", model.getBytes(StandardCharsets.UTF_8)),
                RawZip.Entry.stored("model.weights.h5", weights))), UnsupportedLayerException.class, "Custom>MyModel", "custom class");
    }

    @Test
    void aCentralDirectoryThatDisagreesWithTheLocalHeadersIsRefused() throws Exception {
        String kcfg = TestFiles.zipEntryText(Fixtures.file(KERAS), "config.json");
        byte[] weights = TestFiles.zipEntryBytes(Fixtures.file(KERAS), "model.weights.h5");
        List<RawZip.Entry> entries = new ArrayList<>(List.of(RawZip.Entry.stored("metadata.json", "{}".getBytes(StandardCharsets.UTF_8)),
                RawZip.Entry.stored("config.json", kcfg.getBytes(StandardCharsets.UTF_8)), RawZip.Entry.stored("model.weights.h5", weights),
                RawZip.Entry.stored("other.json", "{\"class_name\": \"Sequential\"}".getBytes(StandardCharsets.UTF_8))));
        assertEquals(KerasModel.load(RawZip.write(entries), "ok.keras").summary(), KerasModel.load(Fixtures.file(KERAS)).summary());
        // the case: the central directory maps config.json to another entry's local header
        byte[] mapped = RawZip.write(entries, c -> {
            List<RawZip.Central> x = new ArrayList<>(c);
            x.set(1, c.get(1).at(c.get(3).offset()));
            x.remove(3);
            return x;
        });
        bothWays("mapped.keras", mapped, CorruptFileException.class, "central directory", "config.json", "other.json");
        byte[] crc = RawZip.write(List.of(entries.get(1), entries.get(2).withCentralCrc(0x1234)));
        bothWays("crc.keras", crc, CorruptFileException.class, "central directory", "CRC-32");
        byte[] size = RawZip.write(List.of(entries.get(1), entries.get(2).withCentralSize(weights.length - 1)));
        bothWays("size.keras", size, CorruptFileException.class, "central directory", "sizes");
    }
}
