package org.convscope.image;

import java.nio.file.Path;

/**
 * A file that could not be turned into an image tensor: missing, unreadable, not an image,
 * truncated, or in a colour model convscope does not decode (CMYK JPEG, for example). The message
 * always names the file and says what is wrong.
 */
public class ImageLoadException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The source named in the message. */
    private final String source;

    /**
     * An error about the image {@code source}.
     * @param source the file (or other source name) of the image
     * @param problem what is wrong
     */
    public ImageLoadException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    /**
     * An error about the image {@code source}, with its cause.
     * @param source the file (or other source name) of the image
     * @param problem what is wrong
     * @param cause the underlying error
     */
    public ImageLoadException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /**
     * Shorthand for a file path.
     *
     * @param cause the underlying error, or null
     * @param file the image file
     * @param problem what is wrong
     */
    public ImageLoadException(Path file, String problem, Throwable cause) {
        this(String.valueOf(file), problem, cause);
    }

    /**
     * The file (or other source name) the image came from.
     *
     * @return the file or source name
     */
    public String source() { return source; }
}
