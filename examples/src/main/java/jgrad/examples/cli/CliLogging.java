package jgrad.examples.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The command line's two ways of logging. The default, from {@code logback.xml}: jgrad's messages as
 * plain lines, other libraries' (ND4J's start-up banner among them) only from WARN, no timestamps.
 * {@code --verbose}: everything from INFO, jgrad's from DEBUG, each line with its time, level and logger.
 */
public final class CliLogging {

    /** The pattern of {@code --verbose}: time, level, logger, message. */
    static final String VERBOSE_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";

    private CliLogging() {}

    /**
     * Switches to verbose logging. It must run before ND4J starts for its banner to show, which it does
     * when called while the command line is parsed.
     *
     * @throws IllegalStateException if SLF4J is not bound to Logback, whose configuration this changes
     */
    public static void verbose() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            throw new IllegalStateException("--verbose: expected SLF4J to be bound to Logback, but it is bound to "
                    + factory.getClass().getName());
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        context.getLogger("jgrad").setLevel(Level.DEBUG);
        if (root.getAppender("STDERR") instanceof ConsoleAppender<ILoggingEvent> console) {
            PatternLayoutEncoder encoder = new PatternLayoutEncoder();
            encoder.setContext(context);
            encoder.setPattern(VERBOSE_PATTERN);
            encoder.start();
            console.stop();
            console.setEncoder(encoder);
            console.start();
        }
    }
}
