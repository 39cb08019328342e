/**
 * Synchronous data-parallel training of jgrad models on Apache Spark, with the same result as on one
 * machine.
 *
 * <p>Every step's global batch (named by example indices) is split over the partitions of an RDD of
 * examples: each partition's task loads the driver's parameters into a {@link jgrad.spark.Replica} of the
 * model, sums the loss and the gradients of the examples of the batch it holds, and sends the sums back;
 * the driver adds them in partition order and divides by the batch size
 * ({@link jgrad.spark.DistributedGradients}); then the one optimizer, on the driver, takes the step with
 * its schedule and clipping ({@link jgrad.spark.SyncTrainer}, which also checkpoints every N steps and
 * resumes). Why gradients and not averaged parameters: see {@link jgrad.spark.SyncTrainer}.
 *
 * <p>A table whose gradient is row-sparse on the driver ({@code Embedding.sparseGrad(true)}) is row-sparse
 * in the tasks too: each sends only the rows its share looked up, and the driver sums them, in partition
 * order, into one row-sparse gradient for the optimizer, so the traffic back for the table is
 * proportional to the rows a step touches, not to the table
 * ({@link jgrad.spark.DistributedGradients#lastGradientBytes}). Measured with jgrad's language model
 * ({@code lm train --spark local[2]}, a 3,292 x 60 table, 512 words a step over 2 partitions): 3.04 MB of
 * gradient sums back a step, against 4.4 MB with a dense table.
 *
 * <p>Examples live in RDDs as plain Java objects ({@link jgrad.spark.LabeledExample}: a {@code float[]}
 * and a label; {@link jgrad.spark.IdExample}: an {@code int[]} of ids and a label), never as INDArrays,
 * whose off-heap memory Spark can neither see nor spill. The RDD's partitions are small descriptions,
 * ranges read where they run ({@link jgrad.spark.SparkRun#start}) or cut out of a data set the driver
 * sends each executor once as a broadcast ({@link jgrad.spark.SparkRun#startShared}), so that the data
 * does not travel with every step's tasks. A task
 * releases everything its step allocated before it returns. On an executor each task runs
 * {@code spark.task.cpus} OpenMP threads, so threads times concurrent tasks equals the executor's cores.
 *
 * <p>Spark ({@code spark-core_2.13}) is a {@code provided} dependency: the cluster brings its own.
 */
package jgrad.spark;
