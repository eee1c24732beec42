package io.neurite.util;

import org.nd4j.linalg.factory.Nd4j;

/**
 * How many threads ND4J's native ops and BLAS use. On a machine with 2 cores or fewer, one thread trains faster than
 * two (the JVM's own threads compete for the cores, and every OpenMP barrier waits for the slower core). Measured on 2
 * cores with {@code mvn -q exec:java -Dexec.args="run digits-mlp"}: 6.0 s with this default or
 * {@code OMP_NUM_THREADS=1}, 11-12 s with {@code OMP_NUM_THREADS=2}; and with
 * {@code bench --models mlp,lenet5 --compare-threads 2} (2 cores shared with other builds, alternating rounds): a
 * training step with 2 threads took 8-11x as long as with 1 (PyTorch in the same run: 14-16x).
 */
public final class NativeThreads {
    private NativeThreads() { }

    /**
     * Uses one native thread on machines with at most 2 cores, unless the user chose with {@code OMP_NUM_THREADS}.
     * Returns the thread count in force.
     */
    public static int useFastestDefault() {
        if (System.getenv("OMP_NUM_THREADS") == null && Runtime.getRuntime().availableProcessors() <= 2) use(1);
        return Nd4j.getEnvironment().maxThreads();
    }

    /** Makes ND4J's native ops, OpenMP and BLAS use {@code threads} threads from now on. */
    public static void use(int threads) {
        if (threads < 1) throw new IllegalArgumentException("native threads must be at least 1, got " + threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    }
}
