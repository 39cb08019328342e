package jgrad.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Spark standalone cluster on the loopback address: one master and some workers, each a separate JVM
 * started from spark-core's own deploy classes ({@code org.apache.spark.deploy.master.Master} and
 * {@code ...worker.Worker}) on the test's class path. Executors are launched by the workers as JVMs of
 * their own, with the same class path ({@code spark.executor.extraClassPath}). Each process logs to a
 * file in the cluster's directory. {@link #close()} ends every process it started, executors included.
 */
final class LocalCluster implements AutoCloseable {

    static final String HOST = "127.0.0.1";

    private final Path dir;
    private final Map<String, String> environment;
    private final Process master;
    private final List<Process> workers = new ArrayList<>();
    private final String url;

    private LocalCluster(Path dir, int workerCount) throws IOException, InterruptedException {
        this.dir = dir;
        // The workers build an executor's class path from $SPARK_HOME/jars (empty here) and the application's extra class path.
        Path sparkHome = Files.createDirectories(dir.resolve("spark-home"));
        Files.createDirectories(sparkHome.resolve("jars"));
        this.environment = Map.of(
                "SPARK_HOME", sparkHome.toString(),
                "SPARK_SCALA_VERSION", "2.13",
                "SPARK_LOCAL_IP", HOST,
                "OMP_NUM_THREADS", "1");
        int port = freePort();
        this.url = "spark://" + HOST + ":" + port;
        this.master = start("master", "org.apache.spark.deploy.master.Master",
                "--host", HOST, "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort()));
        awaitListening(port, master);
        for (int i = 0; i < workerCount; i++) {
            workers.add(start("worker-" + i, "org.apache.spark.deploy.worker.Worker",
                    "--host", HOST, "--port", String.valueOf(freePort()), "--webui-port", String.valueOf(freePort()),
                    "--cores", "1", "--memory", "1g",
                    "--work-dir", Files.createDirectories(dir.resolve("work-" + i)).toString(), url));
        }
    }

    /** Starts a master and {@code workers} workers, each with one core; returns once the master listens. */
    static LocalCluster start(Path dir, int workers) throws IOException, InterruptedException {
        return new LocalCluster(dir, workers);
    }

    /** The master's URL, {@code spark://127.0.0.1:PORT}. */
    String url() {
        return url;
    }

    /** The class path executors need: the test JVM's own (jgrad, ND4J, Spark, the test classes). */
    static String classPath() {
        return System.getProperty("java.class.path");
    }

    /** Kills worker {@code i} and the executor it launched at once, as if its machine had died. */
    void kill(int i) throws InterruptedException {
        Process worker = workers.get(i);
        worker.descendants().forEach(ProcessHandle::destroyForcibly);
        worker.destroyForcibly();
        worker.waitFor();
    }

    /** What worker {@code i} and the master logged, for a failure's message. */
    String logs() {
        StringBuilder out = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path log : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                String text = Files.readString(log);
                out.append("---- ").append(log.getFileName()).append('\n')
                        .append(text.length() > 4000 ? text.substring(text.length() - 4000) : text);
            }
        } catch (IOException e) {
            out.append("(logs unreadable: ").append(e.getMessage()).append(')');
        }
        return out.toString();
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = 0; i < workers.size(); i++) {
            kill(i);
        }
        master.destroyForcibly();
        master.waitFor();
    }

    private Process start(String name, String mainClass, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(SparkSetup.JAVA_17_OPTIONS);
        command.add("-cp");
        command.add(classPath());
        command.add(mainClass);
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(int port, Process process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the Spark master exited with code " + process.exitValue() + " before listening");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IOException("the Spark master did not listen on " + HOST + ":" + port + " within 60 s");
    }
}
