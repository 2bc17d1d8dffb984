package org.convscope.keras.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convscope.keras.KerasLoadException;
import org.junit.jupiter.api.Test;

/** Values quoted from a file are cut and kept on one line; a whole message is capped. */
class QuoteTest {
    @Test
    void shortValuesStayLongOnesAreCutAndSaySo() {
        assertEquals("conv2d", Quote.cut("conv2d"));
        String cut = Quote.cut("x".repeat(50_000));
        assertEquals("x".repeat(Quote.MAX_VALUE) + "... (50000 characters, cut)", cut);
        assertEquals("null", Quote.cut(null));
    }

    @Test
    void controlCharactersFromADamagedFileKeepTheMessageOnOneLine() {
        // found by the long LoaderFuzzTest run (cases 7870, 16861: a local header's name of binary bytes)
        assertEquals("a\\nb\\r\\tc\\u0000d\\u001b", Quote.cut("a\nb\r\tc\u0000d\u001b"));
        KerasLoadException e = new KerasLoadException("m.keras: entry 'x\ny'");
        assertEquals("m.keras: entry 'x\\ny'", e.getMessage());
    }

    @Test
    void aWholeMessageIsCappedKeepingItsStartAndEnd() {
        String m = "m.h5: " + "y".repeat(100_000) + " expected a shape";
        String capped = new KerasLoadException(m).getMessage();
        assertTrue(capped.length() <= Quote.MAX_MESSAGE + 50, capped.length() + " characters");
        assertTrue(capped.startsWith("m.h5: yyy") && capped.endsWith("expected a shape") && capped.contains("characters cut"), capped);
    }
}
