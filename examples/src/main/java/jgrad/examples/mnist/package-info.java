/**
 * {@code jgrad mnist}: an MLP or a LeNet-style CNN trained on the MNIST digits with SGD, momentum and
 * cosine decay, with per-epoch test metrics, a JSON report, a plot and resumable checkpoints. Each
 * step's gradient is computed by replicas of the model in this JVM through {@link jgrad.layers.Replicas},
 * as a user program gets them: {@code --replicas N}, or by default as many as the first step's measured
 * multiply-adds ask for (one per core when a share of the step is heavy enough for the model's size: the
 * CNN's, not the MLP's at batch 128; see {@link jgrad.core.ReplicaChoice}), each on its own thread and
 * share of the batch; with
 * {@code --spark}, each step's gradient is computed by Spark tasks ({@link jgrad.examples.mnist.MnistSparkSteps})
 * while the optimizer and everything else stay on the driver.
 */
package jgrad.examples.mnist;
