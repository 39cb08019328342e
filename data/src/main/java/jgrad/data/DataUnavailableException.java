package jgrad.data;

import java.io.IOException;

/**
 * A data set is not in the cache and could not be fetched, typically because {@code npm} is missing or
 * has no network. The message says what happened and which files to place where, with their SHA-256,
 * to use the data set without npm. A file that was fetched but has the wrong content is not this: that
 * is a plain {@link IOException}, since it will not go away by retrying elsewhere.
 */
public class DataUnavailableException extends IOException {

    private static final long serialVersionUID = 1L;

    /** An exception with a message that tells the user what to do, and the failure behind it. */
    public DataUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
