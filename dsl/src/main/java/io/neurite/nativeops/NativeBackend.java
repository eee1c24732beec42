package io.neurite.nativeops;

import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/** What the loaded ND4J native backend is: libnd4j's build flags, whether oneDNN is in, and its thread count. */
public final class NativeBackend {
    private NativeBackend() {}

    /** libnd4j's build information, one flag a line (e.g. HAVE_ONEDNN, HAVE_OPENBLAS). */
    public static String buildInfo() {
        return NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
    }

    /** True when the loaded libnd4j was built with oneDNN (the {@code -onednn*} classifiers). */
    public static boolean hasOneDnn() {
        return buildInfo().lines().anyMatch(l -> l.trim().equals("HAVE_ONEDNN"));
    }

    /** OpenMP threads ND4J uses for its ops (OMP_NUM_THREADS). */
    public static int ompThreads() {
        return Integer.parseInt(String.valueOf(environment().get("omp.threads")));
    }

    /** One line: backend, BLAS vendor, oneDNN yes/no, OpenMP threads. */
    public static String describe() {
        Properties env = environment();
        return "ND4J " + env.get("backend") + " backend, BLAS " + env.get("blas.vendor")
                + ", oneDNN " + (hasOneDnn() ? "yes" : "no") + ", OpenMP threads " + ompThreads();
    }

    private static Properties environment() {
        return Nd4j.getExecutioner().getEnvironmentInformation();
    }
}
