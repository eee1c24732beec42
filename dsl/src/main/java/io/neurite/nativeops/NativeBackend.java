package io.neurite.nativeops;

import java.nio.file.Path;
import java.util.Properties;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * What the loaded ND4J native backend is: which libnd4j binary runs and why ({@link NativeBinary}), its build flags,
 * whether oneDNN is in, and its thread count.
 */
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

    /** The libnd4j binary chosen for this JVM and why (see {@link NativeBinary}). */
    public static NativeBinary.Choice binary() {
        return NativeBinary.select();
    }

    /**
     * The libnd4j JNI library file JavaCPP actually loaded (in its cache, under a folder named by the binary's
     * classifier, e.g. {@code .../linux-x86_64-onednn-avx2/libjnind4jcpu.so}); loads ND4J if it is not yet loaded.
     *
     * @throws IllegalStateException if no CPU libnd4j was loaded (e.g. the CUDA backend runs)
     */
    public static Path loadedLibrary() {
        environment();
        String path = Loader.getLoadedLibraries().get("jnind4jcpu");
        if (path == null) {
            throw new IllegalStateException("no CPU libnd4j (jnind4jcpu) loaded; loaded: " + Loader.getLoadedLibraries().keySet());
        }
        return Path.of(path);
    }

    /** One line: backend, the libnd4j binary and why, BLAS vendor, oneDNN yes/no, OpenMP threads. */
    public static String describe() {
        Properties env = environment();
        NativeBinary.Choice binary = binary();
        return "ND4J " + env.get("backend") + " backend, libnd4j " + binary.classifier() + " (" + binary.reason()
                + "), BLAS " + env.get("blas.vendor") + ", oneDNN " + (hasOneDnn() ? "yes" : "no")
                + ", OpenMP threads " + ompThreads();
    }

    private static Properties environment() {
        return Nd4j.getExecutioner().getEnvironmentInformation();
    }
}
