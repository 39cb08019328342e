/**
 * {@code jgrad mnist}: an MLP or a LeNet-style CNN trained on the MNIST digits with SGD, momentum and
 * cosine decay, with per-epoch test metrics, a JSON report, a plot and resumable checkpoints.
 */
package jgrad.examples.mnist;
