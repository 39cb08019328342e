/**
 * What the training commands share when their gradients come from Spark ({@code --spark}):
 * {@link jgrad.examples.spark.SparkSteps} runs a step's gradient on a {@link jgrad.spark.SparkRun} and
 * keeps the time split and traffic of the steps for the lines the commands print. Classes here are
 * loaded only when {@code --spark} is given, since they need Spark on the class path.
 */
package jgrad.examples.spark;
