package io.neurite.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.neurite.core.Shape;
import io.neurite.model.Model;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * OpenMP's wait policy, checked in fresh JVMs (this one has loaded ND4J already): a program gets the passive policy
 * from ND4J's backend hook unless its user chose one, and with it a second native thread costs little CPU time and
 * burns none while the program waits; with the active policy the idle OpenMP thread spins through the wait (how much
 * that costs a training step depends on the load: CPU time 2 / 1 threads 3.94 at load 8, 1.35 idle).
 */
@Tag("slow")
class NativeThreadsTest {
    private static final Pattern REPORT = Pattern.compile("policy=(\\S+) cpu2/cpu1=([0-9.]+) pauseCpu=([0-9.]+)");
    private static final long PAUSE_MS = 1000;

    /**
     * The fresh JVM's program: the process CPU time of an MLP training step (784-512-10, batch 128, Adam) with 2
     * native threads over that with 1, median of 3 alternating rounds of 20 steps, and the CPU ms that OpenMP's
     * threads spend while the program then sleeps {@value #PAUSE_MS} ms after a 2-thread step; prints them with the
     * policy in force.
     */
    public static final class TwoThreadCost {
        public static void main(String[] args) {
            ComputationGraph net = Model.sequential("mlp").input(Shape.vector(784)).dense(512).relu().dense(10)
                    .softmax().build().compile(Loss.crossEntropy(), Optimizer.adam(1e-3)).network();
            INDArray labels = Nd4j.zeros(DataType.FLOAT, 128, 10);
            for (int i = 0; i < 128; i++) labels.putScalar(i, i % 10, 1);
            DataSet batch = new DataSet(Nd4j.rand(DataType.FLOAT, 128, 784), labels);
            double[] ratios = new double[3];
            for (int round = -1; round < ratios.length; round++) {
                double one = cpuPerStep(net, batch, 1);
                double two = cpuPerStep(net, batch, 2);
                if (round >= 0) ratios[round] = two / one; // round -1 warms up
            }
            Arrays.sort(ratios);
            net.fit(batch);
            long start = openMpTicks();
            try {
                Thread.sleep(PAUSE_MS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            double pauseCpuMs = (openMpTicks() - start) * 10.0;
            System.out.printf("policy=%s cpu2/cpu1=%.3f pauseCpu=%.1f%n", System.getenv().getOrDefault(
                    "OMP_WAIT_POLICY", NativeThreads.waitPassively() ? "passive" : "unset"), ratios[1], pauseCpuMs);
            System.exit(0);
        }

        /**
         * CPU time in clock ticks (10 ms) of the threads named "java": the launcher's threads and the OpenMP threads
         * they start, not the JVM's compiler and GC threads, which Linux knows by their own names.
         */
        private static long openMpTicks() {
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                long ticks = 0;
                for (Path task : tasks.toList()) {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (name.equals("java")) ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
                return ticks;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private static double cpuPerStep(ComputationGraph net, DataSet batch, int threads) {
            NativeThreads.use(threads);
            net.fit(batch);
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long start = os.getProcessCpuTime();
            for (int i = 0; i < 20; i++) net.fit(batch);
            return (os.getProcessCpuTime() - start) / 20.0;
        }
    }

    /** Runs {@link TwoThreadCost} in a fresh JVM with {@code OMP_WAIT_POLICY} as given (null: unset); policy, ratio. */
    private static Matcher run(String waitPolicy) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                TwoThreadCost.class.getName())).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.remove("OMP_NUM_THREADS");
        env.remove("OMP_WAIT_POLICY");
        if (waitPolicy != null) env.put("OMP_WAIT_POLICY", waitPolicy);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "child JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        Matcher m = REPORT.matcher(out);
        assertTrue(m.find(), "no report in:\n" + out);
        return m;
    }

    @Test
    void aSecondThreadCostsLittleCpuOnceIdleThreadsSleep() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "reads threads' CPU time from Linux's /proc");
        Matcher passive = run(null);
        Matcher active = run("active");
        assertEquals("passive", passive.group(1), "the backend hook did not set the passive policy");
        assertEquals("active", active.group(1), "the user's choice was not kept");
        double passiveRatio = Double.parseDouble(passive.group(2));
        double passivePause = Double.parseDouble(passive.group(3));
        double activePause = Double.parseDouble(active.group(3));
        System.out.printf("CPU time per step, 2 threads / 1: passive %.2f, active %s; CPU ms in a %d ms pause: passive"
                + " %.1f, active %.1f%n", passiveRatio, active.group(2), PAUSE_MS, passivePause, activePause);
        assertTrue(passiveRatio < 2.0, "2 threads took " + passiveRatio + "x the CPU time of 1 with idle threads asleep");
        // OpenBLAS's own idle threads spin for up to ~0.1 s after a product whatever OpenMP's policy: hence 0.25
        assertTrue(passivePause < 0.25 * PAUSE_MS, "idle threads burned " + passivePause + " ms of CPU in a "
                + PAUSE_MS + " ms pause with the passive policy");
        assertTrue(activePause > 0.6 * PAUSE_MS, "the active policy's idle thread did not spin through the pause: "
                + activePause + " ms of CPU in " + PAUSE_MS + " ms (the measurement cannot see spinning)");
    }
}
