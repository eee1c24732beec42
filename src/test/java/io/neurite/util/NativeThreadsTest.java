package io.neurite.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.core.Shape;
import io.neurite.model.Model;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
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
 * from ND4J's backend hook unless its user chose one, and with it a second native thread costs little CPU time; with
 * the active policy the idle thread's spinning multiplies the CPU time of a training step.
 */
@Tag("slow")
class NativeThreadsTest {
    private static final Pattern REPORT = Pattern.compile("policy=(\\S+) cpu2/cpu1=([0-9.]+)");

    /**
     * The fresh JVM's program: the process CPU time of an MLP training step (784-512-10, batch 128, Adam) with 2
     * native threads over that with 1, median of 3 alternating rounds of 20 steps; prints it with the policy in force.
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
            System.out.printf("policy=%s cpu2/cpu1=%.3f%n", System.getenv().getOrDefault("OMP_WAIT_POLICY",
                    NativeThreads.waitPassively() ? "passive" : "unset"), ratios[1]);
            System.exit(0);
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
        Matcher passive = run(null);
        Matcher active = run("active");
        assertEquals("passive", passive.group(1), "the backend hook did not set the passive policy");
        assertEquals("active", active.group(1), "the user's choice was not kept");
        double passiveRatio = Double.parseDouble(passive.group(2));
        double activeRatio = Double.parseDouble(active.group(2));
        System.out.printf("CPU time per step, 2 threads / 1: passive %.2f, active %.2f%n", passiveRatio, activeRatio);
        assertTrue(passiveRatio < 2.0, "2 threads took " + passiveRatio + "x the CPU time of 1 with idle threads asleep");
        assertTrue(activeRatio > 1.5 * passiveRatio, "spinning idle threads cost no CPU: active " + activeRatio
                + " against passive " + passiveRatio);
    }
}
