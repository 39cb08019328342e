package jgrad.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.file.Path;
import java.util.Map;
import jgrad.core.Parameter;
import jgrad.layers.Sequential;
import jgrad.spark.ToyProblem.Kind;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.LoggerFactory;

/**
 * A real cluster: a standalone master and two workers, separate JVMs on the loopback address, each worker
 * running one executor JVM. One worker is killed in the middle of the run; Spark re-runs its tasks on the
 * other, rebuilding the lost cached partitions from their lineage, and the result is still the plain
 * single-process trainer's.
 */
class StandaloneClusterTest {

    static final int STEPS = 12;
    static final int KILL_AFTER = 4;

    @Test
    @Timeout(180)
    void trainingSurvivesTheLossOfAWorkerWithTheSingleProcessResult(@TempDir Path dir) throws Exception {
        Sequential plain = ToyProblem.trainPlain(Kind.ADAM, DataType.DOUBLE, STEPS);
        // The driver logs the lost worker, its executor, connections and blocks at ERROR, which the tests'
        // logging shows on the console; the test asserts on the outcome instead.
        Logger sparkLog = (Logger) LoggerFactory.getLogger("org.apache.spark");
        Level level = sparkLog.getLevel();
        sparkLog.setLevel(Level.OFF);
        try (LocalCluster cluster = LocalCluster.start(dir, 2)) {
            SparkConf conf = SparkSetup.conf("jgrad-cluster-test", cluster.url())
                    .set("spark.driver.host", LocalCluster.HOST)
                    .set("spark.driver.bindAddress", LocalCluster.HOST)
                    .set("spark.executor.extraClassPath", LocalCluster.classPath())
                    .set("spark.executorEnv.OMP_NUM_THREADS", "1")
                    .set("spark.executor.cores", "1")
                    .set("spark.executor.memory", "512m")
                    .set("spark.cores.max", "2");
            JavaSparkContext spark = new JavaSparkContext(conf);
            try {
                awaitExecutors(spark, 2, cluster);
                Sequential model = ToyProblem.model(DataType.DOUBLE);
                Map<String, Parameter> named = model.namedParameters();
                JavaRDD<LabeledExample> data = ToyProblem.partitioned(spark, 10, 9, 9, 9);
                try (DistributedGradients<LabeledExample> gradients = new DistributedGradients<>(spark, data,
                        ToyProblem.replica(DataType.DOUBLE), named)) {
                    SyncTrainer trainer = new SyncTrainer(gradients, named,
                            ToyProblem.optimizer(Kind.ADAM, named))
                            .schedule(ToyProblem.schedule(Kind.ADAM, STEPS))
                            .clipByGlobalNorm(ToyProblem.MAX_NORM);
                    for (int t = 0; t < STEPS; t++) {
                        if (t == KILL_AFTER) {
                            cluster.kill(1);
                        }
                        trainer.step(ToyProblem.batch(t));
                    }
                }
                assertEquals(1, executors(spark), "executors left after the kill\n" + cluster.logs());
                double difference = ToyProblem.largestDifference(plain, model);
                assertTrue(difference < 1e-12, "largest parameter difference " + difference);
            } finally {
                spark.stop();
            }
        } finally {
            sparkLog.setLevel(level);
        }
    }

    /** Executors registered with the driver (the status tracker lists the driver too). */
    private static int executors(JavaSparkContext spark) {
        return spark.sc().statusTracker().getExecutorInfos().length - 1;
    }

    private static void awaitExecutors(JavaSparkContext spark, int count, LocalCluster cluster) throws InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (executors(spark) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + executors(spark) + " of " + count + " executors registered within 90 s\n"
                        + cluster.logs());
            }
            Thread.sleep(200);
        }
    }
}
