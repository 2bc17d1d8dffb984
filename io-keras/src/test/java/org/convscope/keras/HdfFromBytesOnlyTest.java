package org.convscope.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The loader never lets jhdf open a file by path (issue #13: jhdf opened by path hangs on some
 * cycles in damaged files, and reads whatever size a corrupt header claims): every HDF5 file is read
 * into memory first and opened with {@code HdfFile.fromBytes}, behind {@code keras.h5.H5File}.
 * Checked on the sources, so a new call site cannot slip in.
 */
class HdfFromBytesOnlyTest {
    private static final Pattern BY_PATH = Pattern.compile("new\\s+HdfFile\\s*\\(|HdfFile\\s*\\.\\s*(?!fromBytes\\b)\\w+\\s*\\(");

    @Test
    void jhdfIsOnlyEverOpenedFromBytes() throws Exception {
        Path main = Path.of("src", "main", "java");
        assertTrue(Files.isDirectory(main), "run from the io-keras module folder: " + main.toAbsolutePath());
        List<String> byPath = new ArrayList<>();
        int fromBytes = 0;
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = Files.readString(f);
                if (BY_PATH.matcher(src).find()) byPath.add(f.toString());
                if (src.contains("HdfFile.fromBytes(")) fromBytes++;
            }
        }
        assertTrue(byPath.isEmpty(), "jhdf opened otherwise than from bytes in " + byPath);
        assertEquals(1, fromBytes, "one place opens HDF5 (H5File.open)");
    }
}
