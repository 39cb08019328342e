/**
 * Reporting a training run: the back end and its threads, per-epoch progress, a JSON report and a PNG
 * of the curves. Nothing here trains; commands hand in what they measured.
 */
package jgrad.examples.report;
