package io.neurite.util;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How many threads ND4J's native ops and BLAS use, and how its idle OpenMP threads wait.
 *
 * <p>libnd4j runs its ops on GNU OpenMP, whose idle threads by default spin on a core before they sleep. On 2 busy
 * cores the spinning thread takes the core the working one needs: a LeNet-5 training step with 2 threads took
 * 450-620 ms against 50-65 ms with 1 (process CPU time 200-280 ms against 19-33), and 26-56 ms with 2 threads once the
 * idle threads sleep ({@code OMP_WAIT_POLICY=passive}; one run, load 8-9 on 2 cores). Even so, on an idle 2-core
 * machine a second thread saved only 7% of an MLP's and the reduced ResNet's step and cost LeNet-5 23%
 * ({@code bench --compare-threads 2}, PERFORMANCE.md), so one thread stays the default there.
 */
public final class NativeThreads {
    private static final String WAIT_POLICY = "OMP_WAIT_POLICY";

    private NativeThreads() { }

    /** The C library's environment, which native code reads ({@link System#getenv} is a copy taken at start-up). */
    interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    /**
     * Makes OpenMP's idle threads sleep rather than spin, by setting {@code OMP_WAIT_POLICY=passive} in this process's
     * C environment, unless it is set already. OpenMP reads it once, when ND4J loads its native library, so it counts
     * only if called before then. Returns whether the policy in force is passive (false, too, where the C library
     * cannot be reached).
     */
    public static synchronized boolean waitPassively() {
        CLibrary c;
        try {
            c = Native.loadLibrary("c", CLibrary.class);
        } catch (LinkageError noNativeAccess) {
            return false;
        }
        String inForce = c.getenv(WAIT_POLICY);
        if (inForce == null && !openMpLoaded()) {
            c.setenv(WAIT_POLICY, "passive", 0);
            inForce = c.getenv(WAIT_POLICY);
        }
        return "passive".equalsIgnoreCase(inForce);
    }

    /** Whether JavaCPP has loaded an OpenMP runtime (ND4J's native library brings one). */
    static boolean openMpLoaded() {
        return Loader.getLoadedLibraries().keySet().stream().anyMatch(name -> name.contains("gomp"));
    }

    /**
     * Uses one native thread on machines with at most 2 cores, unless the user chose with {@code OMP_NUM_THREADS}.
     * Returns the thread count in force. (Idle threads already wait passively: ND4J's backend hook saw to that.)
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
