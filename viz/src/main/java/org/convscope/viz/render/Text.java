package org.convscope.viz.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Text on pictures, robust to machines without fonts.
 *
 * <p>Headless Java draws text with the fonts fontconfig finds (DejaVu on Debian). On a machine with
 * no fonts at all, AWT fails when it first needs one (an Error or an exception inside the font
 * manager). The first call here tries once; if it fails, every later call draws nothing and reports
 * zero size, a one-line warning goes to stderr, and the pictures come out without their labels
 * (the HTML report still carries all text). Set {@code -Dconvscope.text=false} to turn text off.
 */
public final class Text {
    private static volatile Boolean available;

    private Text() {}

    /**
     * {@return true when text can be drawn on this machine} The first call probes the fonts once
     * (thread-safe); {@code -Dconvscope.text=false} makes it false.
     */
    public static boolean available() {
        Boolean a = available;
        if (a == null) {
            synchronized (Text.class) {
                if (available == null) available = probe();
                a = available;
            }
        }
        return a;
    }

    private static boolean probe() {
        if ("false".equals(System.getProperty("convscope.text"))) return false;
        Headless.ensure();
        try {
            BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setFont(font(12, false));
            g.drawString("0.5 Ag", 0, 7);
            int w = g.getFontMetrics().stringWidth("0.5 Ag");
            g.dispose();
            if (w <= 0) throw new IllegalStateException("the font measures text as empty");
            return true;
        } catch (Throwable t) { // font-manager failures surface as Errors as well as exceptions
            System.err.println("convscope: Java cannot draw text on this machine (" + t
                    + "); pictures are drawn without labels. Installing fonts (for example the package fonts-dejavu-core) fixes this.");
            return false;
        }
    }

    private static Font font(int sizePx, boolean bold) {
        return new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, sizePx);
    }

    private static void hints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
    }

    /**
     * {@return the width in pixels of a string in the sans-serif font (0 without fonts)}
     *
     * @param s      the text
     * @param sizePx the font size in pixels
     * @param bold   bold or plain
     */
    public static int width(String s, int sizePx, boolean bold) {
        if (!available()) return 0;
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            hints(g);
            return g.getFontMetrics(font(sizePx, bold)).stringWidth(s);
        } finally {
            g.dispose();
        }
    }

    /**
     * Draws {@code s} with its baseline at {@code y}; {@code align} is -1 left, 0 centred, 1 right of {@code x}.
     * Does nothing without fonts. Leaves the graphics' font as it was; its colour becomes {@code rgb}.
     *
     * @param g      where to draw
     * @param s      the text
     * @param x      the anchor's x, see {@code align}
     * @param y      the baseline's y
     * @param sizePx the font size in pixels
     * @param bold   bold or plain
     * @param rgb    the colour, {@code 0xRRGGBB}
     * @param align  -1: the text starts at {@code x}; 0: it is centred on {@code x}; 1: it ends at {@code x}
     */
    public static void draw(Graphics2D g, String s, int x, int y, int sizePx, boolean bold, int rgb, int align) {
        if (!available()) return;
        Font old = g.getFont();
        g.setFont(font(sizePx, bold));
        hints(g);
        g.setColor(new Color(rgb));
        FontMetrics fm = g.getFontMetrics();
        int w = fm.stringWidth(s);
        int x0 = align < 0 ? x : align == 0 ? x - w / 2 : x - w;
        g.drawString(s, x0, y);
        g.setFont(old);
    }

    /**
     * Draws a string centred in a box, horizontally and vertically (by the font's height). Does
     * nothing without fonts. The graphics keep the font it was drawn with.
     *
     * @param g      where to draw
     * @param s      the text
     * @param x      the box's left edge
     * @param y      the box's top edge
     * @param w      the box's width
     * @param h      the box's height
     * @param sizePx the font size in pixels
     * @param bold   bold or plain
     * @param rgb    the colour, {@code 0xRRGGBB}
     */
    public static void drawCentered(Graphics2D g, String s, int x, int y, int w, int h, int sizePx, boolean bold, int rgb) {
        if (!available()) return;
        g.setFont(font(sizePx, bold));
        FontMetrics fm = g.getFontMetrics();
        int baseline = y + (h - fm.getHeight()) / 2 + fm.getAscent();
        draw(g, s, x + w / 2, baseline, sizePx, bold, rgb, 0);
    }

    /**
     * {@return the string, or its start with an ellipsis "…" so that it fits a width} It is never
     * shortened below four characters plus the ellipsis, so very narrow widths may still overflow.
     * Without fonts every string fits and is returned as it is.
     *
     * @param s      the text
     * @param width  the space in pixels
     * @param sizePx the font size in pixels
     * @param bold   bold or plain
     */
    public static String fit(String s, int width, int sizePx, boolean bold) {
        if (width(s, sizePx, bold) <= width) return s;
        String t = s;
        while (t.length() > 4 && width(t + "…", sizePx, bold) > width) t = t.substring(0, t.length() - 1);
        return t + "…";
    }
}
