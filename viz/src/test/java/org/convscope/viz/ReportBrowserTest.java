package org.convscope.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convscope.viz.features.FeatureReport;
import org.convscope.viz.features.FilterVisualizer;
import org.convscope.viz.report.HtmlReport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a report in headless Chromium, when one is installed (skipped otherwise): no broken image
 * or in-page link, and no horizontal scrolling of the page at 390 and 1400 pixels. A copy of the
 * page with every section open, eager images and a small script that writes its findings into the
 * title is loaded with {@code --dump-dom}; no DevTools protocol needed.
 */
class ReportBrowserTest {
    @TempDir Path dir;

    /** Chromium or Chrome on the PATH, or null. */
    static String browser() {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String d : path.split(File.pathSeparator)) {
                Path p = Path.of(d, name);
                if (Files.isExecutable(p)) return p.toString();
            }
        }
        return null;
    }

    static final String CHECK = """
            <script>addEventListener('load', function () {
              var bad = [];
              document.querySelectorAll('img').forEach(function (i) { if (!i.complete || i.naturalWidth === 0) bad.push('img ' + i.getAttribute('src')); });
              document.querySelectorAll('a[href^="#"]').forEach(function (a) {
                var id = decodeURIComponent(a.getAttribute('href').slice(1)); if (id && !document.getElementById(id)) bad.push('link ' + id); });
              var wide = [];
              document.querySelectorAll('body *').forEach(function (e) {
                if (e.closest('.scroll, pre')) return;
                var r = e.getBoundingClientRect(); if (r.width > 0 && r.right > window.innerWidth + 1) wide.push(e.tagName + '.' + e.className);
              });
              var result = 'CHECK over=' + (document.documentElement.scrollWidth - window.innerWidth) + ' width=' + window.innerWidth
                + ' bad=' + bad.join(',') + ' wide=' + wide.slice(0, 5).join(',') + ' END';
              document.title = result;
              if (window.parent !== window) window.parent.postMessage(result, '*');
            });</script>
            """;

    /** Headless Chromium keeps windows at least 500 px wide: the page is checked in an iframe of the width wanted. */
    static String frame(int width) {
        return "<!DOCTYPE html><html><head><title>waiting</title></head><body style=\"margin:0\">"
                + "<script>addEventListener('message', function (e) { document.title = e.data; });</script>"
                + "<iframe src=\"check.html\" style=\"border:0; width:" + width + "px; height:1200px\"></iframe></body></html>";
    }

    @Test
    void reportHasNoBrokenImagesOrLinksAndFitsNarrowAndWideWindows() throws Exception {
        String chromium = browser();
        Assumptions.assumeTrue(chromium != null, "no chromium on the PATH (Debian: apt-get install chromium)");
        Path out = dir.resolve("rep");
        var g = ReportScaleTest.deep(13, 5);
        HtmlReport.Result r = HtmlReport.write(ReportScaleTest.input(g, List.of("cat", "dog")), out, null, null,
                new FeatureReport.Options(2, 2, FilterVisualizer.Method.PIXEL, true, null, 0, 60));
        String html = Files.readString(r.index(), StandardCharsets.UTF_8);
        assertTrue(html.contains("<details"), "a collapsed report is checked");
        String test = html.replace(" loading=\"lazy\"", "").replace("<details class=\"layer\" id=\"", "<details open class=\"layer\" id=\"")
                .replace("</body>", CHECK + "</body>");
        Path page = out.resolve("check.html");
        Files.writeString(page, test, StandardCharsets.UTF_8);
        for (int width : new int[] {390, 1400}) {
            Path framePage = out.resolve("frame-" + width + ".html");
            Files.writeString(framePage, frame(width), StandardCharsets.UTF_8);
            String title = title(chromium, framePage, Math.max(width, 800));
            Matcher m = Pattern.compile("CHECK over=(-?\\d+) width=(\\d+) bad=(.*) wide=(.*) END").matcher(title);
            assertTrue(m.find(), "the check ran at " + width + " px: " + title);
            System.out.println("chromium at " + width + " px: " + title);
            assertEquals(width, Integer.parseInt(m.group(2)), "window width");
            assertEquals("", m.group(3), "broken images or links at " + width + " px");
            assertTrue(Integer.parseInt(m.group(1)) <= 0, "the page scrolls sideways at " + width + " px by " + m.group(1) + " px; too wide: " + m.group(4));
            assertEquals("", m.group(4), "elements wider than the window at " + width + " px");
        }
    }

    /** The page's title after load, from {@code chromium --dump-dom}. */
    static String title(String chromium, Path page, int width) throws Exception {
        Path profile = Files.createTempDirectory("convscope-chromium");
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                "--user-data-dir=" + profile, "--window-size=" + width + ",1200", "--virtual-time-budget=10000", "--dump-dom", page.toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] dom = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s");
        }
        Matcher m = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL).matcher(new String(dom, StandardCharsets.UTF_8));
        return m.find() ? m.group(1).replace("&amp;", "&") : "(no title in the dumped page)";
    }
}
