package org.convscope.image;

import java.nio.file.Path;

/**
 * A file that could not be turned into an image tensor: missing, unreadable, not an image,
 * truncated, or in a colour model convscope does not decode (CMYK JPEG, for example). The message
 * always names the file and says what is wrong.
 */
public class ImageLoadException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;

    public ImageLoadException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    public ImageLoadException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /** Shorthand for a file path. */
    public ImageLoadException(Path file, String problem, Throwable cause) {
        this(String.valueOf(file), problem, cause);
    }

    /** The file (or other source name) the image came from. */
    public String source() { return source; }
}
