/**
 * {@code jgrad mnist}: an MLP or a LeNet-style CNN trained on the MNIST digits with SGD, momentum and
 * cosine decay, with per-epoch test metrics, a JSON report, a plot and resumable checkpoints; with
 * {@code --spark}, each step's gradient is computed by Spark tasks ({@link jgrad.examples.mnist.MnistSparkSteps})
 * while the optimizer and everything else stay on the driver.
 */
package jgrad.examples.mnist;
