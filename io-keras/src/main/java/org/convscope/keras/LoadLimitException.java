package org.convscope.keras;

/**
 * The file is too large for convscope's memory budget in this JVM (see the budgets in the README:
 * a file at most a quarter of the maximum heap, a config text at most 1/32 of it and at most 16 MiB):
 * the file was refused before the work it would cause, so that a shortage of memory is never
 * reported as a damaged file. The message names the file, the size, the budget and the heap; if the
 * file is right, a larger {@code -Xmx} raises the file budget.
 */
public class LoadLimitException extends KerasLoadException {
    /**
     * A memory-limit error.
     * @param message names the file, its size, the budget and the heap
     */
    public LoadLimitException(String message) { super(message); }

    /**
     * A memory-limit error with its cause.
     * @param message names the file, its size, the budget and the heap
     * @param cause the underlying error
     */
    public LoadLimitException(String message, Throwable cause) { super(message, cause); }
}
