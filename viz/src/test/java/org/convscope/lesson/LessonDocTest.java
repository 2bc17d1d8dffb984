package org.convscope.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/lesson.md} cannot drift from the code that runs: every {@code <!-- lesson:NAME -->}
 * block of the document must be exactly the section {@code NAME} of {@link LessonTest} (without its
 * indentation), every section must be in the document, and every picture it shows must exist.
 */
class LessonDocTest {
    static final Path DOC = Path.of("..", "docs", "lesson.md");
    static final Path SOURCE = Path.of("src", "test", "java", "org", "convscope", "lesson", "LessonTest.java");

    /** Sections of the source between "// lesson:begin NAME" and "// lesson:end NAME", de-indented. */
    static Map<String, String> sourceSections(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        String name = null;
        List<String> body = new ArrayList<>();
        for (String l : lines) {
            String t = l.strip();
            if (t.startsWith("// lesson:begin ")) {
                name = t.substring("// lesson:begin ".length()).strip();
                body.clear();
            } else if (t.startsWith("// lesson:end ")) {
                assertEquals(name, t.substring("// lesson:end ".length()).strip(), "begin/end of a lesson section");
                assertTrue(out.put(name, dedent(body)) == null, "section " + name + " twice");
                name = null;
            } else if (name != null) {
                body.add(l);
            }
        }
        return out;
    }

    static String dedent(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String l : lines) if (!l.isBlank()) indent = Math.min(indent, l.length() - l.stripLeading().length());
        StringBuilder sb = new StringBuilder();
        for (String l : lines) sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        return sb.toString();
    }

    /** The ```java block following each "<!-- lesson:NAME -->" marker. */
    static Map<String, String> docBlocks(String doc) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<!-- lesson:(\\S+) -->\\s*\\n```java\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        while (m.find()) assertTrue(out.put(m.group(1), m.group(2)) == null, "block " + m.group(1) + " twice in the document");
        return out;
    }

    @Test
    void everyCodeBlockIsTheCodeThatRuns() throws IOException {
        Map<String, String> src = sourceSections(Files.readAllLines(SOURCE));
        Map<String, String> doc = docBlocks(Files.readString(DOC));
        assertTrue(src.size() >= 6, "sections: " + src.keySet());
        assertEquals(List.copyOf(src.keySet()), List.copyOf(doc.keySet()), "the document shows every section, in order");
        for (String name : src.keySet()) {
            assertEquals(src.get(name), doc.get(name), "docs/lesson.md block '" + name + "' differs from LessonTest.java");
        }
        assertEquals(doc.size(), Pattern.compile("<!-- lesson:").matcher(Files.readString(DOC)).results().count(),
                "every marker is followed by a java block");
    }

    @Test
    void everyPictureOfTheDocumentExists() throws IOException {
        Matcher m = Pattern.compile("!\\[[^]]*]\\(([^)]+)\\)").matcher(Files.readString(DOC));
        int n = 0;
        while (m.find()) {
            Path p = DOC.getParent().resolve(m.group(1));
            assertTrue(Files.isRegularFile(p), "docs/lesson.md shows " + m.group(1) + " which is missing");
            n++;
        }
        assertEquals(LessonTest.DOC_PICTURES.size(), n, "the document shows the lesson's pictures");
    }

    @Test
    void theMarkersAreFound() {
        // a self-check of the parsers, so a broken regex cannot pass the test above vacuously
        Map<String, String> s = sourceSections(List.of("  x", "    // lesson:begin a", "    int i = 1;", "      i++;", "    // lesson:end a"));
        assertEquals(Map.of("a", "int i = 1;\n  i++;\n"), s);
        assertEquals(Map.of("a", "int i = 1;\n"), docBlocks("text\n<!-- lesson:a -->\n```java\nint i = 1;\n```\n"));
    }
}
