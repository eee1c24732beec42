package io.neurite.util;

import org.nd4j.linalg.factory.Nd4j;

/**
 * How many threads ND4J's native ops use. On a machine with 2 cores or fewer, one thread trains faster than two
 * (the JVM's own threads compete for the cores): measured 18 s against 132 s for the same recipe under load.
 */
public final class NativeThreads {
    private NativeThreads() { }

    /**
     * Uses one native thread on machines with at most 2 cores, unless the user chose with {@code OMP_NUM_THREADS}.
     * Returns the thread count in force.
     */
    public static int useFastestDefault() {
        if (System.getenv("OMP_NUM_THREADS") == null && Runtime.getRuntime().availableProcessors() <= 2) {
            Nd4j.getEnvironment().setMaxThreads(1);
            Nd4j.getEnvironment().setMaxMasterThreads(1);
            Nd4j.factory().blas().setMaxThreads(1);
            org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        }
        return Nd4j.getEnvironment().maxThreads();
    }
}
