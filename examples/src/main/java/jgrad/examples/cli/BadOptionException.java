package jgrad.examples.cli;

/**
 * An option's value is out of its range: a usage error, which the command line reports in one line and
 * exits with code 2, like a value picocli cannot parse. The message starts with the option and the value
 * given ({@code --threads 1000: ...}) and says what is expected.
 */
public final class BadOptionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public BadOptionException(String message) {
        super(message);
    }
}
