/**
 * What the tests of every jgrad module share, on their class path in test scope only: the logging
 * configuration of the tests ({@code logback-test.xml}: everything from INFO to
 * {@code target/test.log}, errors only to the console, so that a passing run is silent) and
 * {@link jgrad.testsupport.SkippedTestsListener}, which names each skipped test and says why.
 */
package jgrad.testsupport;
