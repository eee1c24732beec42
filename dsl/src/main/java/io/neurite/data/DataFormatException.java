package io.neurite.data;

/**
 * A data file (or array) that cannot be read as its format requires: the message names the file, the position in it
 * (byte offset, line, record, JSON location, or row and column) and what was expected there.
 */
public final class DataFormatException extends RuntimeException {
    private final String file;
    private final String position;

    public DataFormatException(String file, String position, String expected, String found) {
        super(file + ": at " + position + " expected " + expected + " but found " + found);
        this.file = file;
        this.position = position;
    }

    public DataFormatException(String file, String position, String expected, String found, Throwable cause) {
        this(file, position, expected, found);
        initCause(cause);
    }

    /** The file (path or resource name) that is malformed. */
    public String file() { return file; }

    /** Where in the file the problem was found, e.g. "byte 16" or "line 3". */
    public String position() { return position; }
}
