package io.neurite.nativeops;

import io.neurite.util.NativeThreads;
import org.nd4j.common.io.Resource;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4jBackend;

/**
 * The hook that prepares ND4J's native runtime in every program, before it loads: it chooses the libnd4j binary
 * ({@link NativeBinary#select()}) and makes OpenMP's idle threads sleep ({@link NativeThreads#waitPassively()}). ND4J
 * instantiates all services registered for {@link Nd4jBackend} (this one in {@code META-INF/services}) before it asks
 * any of them whether it is available and before any backend loads its natives. This is not a backend: it has the
 * lowest priority, so ND4J asks it last, and it answers unavailable; its other methods are never called by ND4J for an
 * unavailable backend.
 */
public final class PrepareNativeRuntime extends Nd4jBackend {
    /** Called by ND4J's service loader; chooses the libnd4j binary and OpenMP's wait policy. */
    public PrepareNativeRuntime() {
        NativeBinary.select();
        NativeThreads.waitPassively();
    }

    /** Below every real backend (CPU 0, CUDA 100 by default); not Integer.MIN_VALUE, which ND4J's b - a comparison overflows. */
    @Override
    public int getPriority() {
        return -1_000_000;
    }

    @Override
    public boolean isAvailable() {
        return false;
    }

    @Override
    public boolean canRun() {
        return false;
    }

    @Override
    public boolean allowsOrder() {
        throw notABackend();
    }

    @Override
    public Resource getConfigurationResource() {
        throw notABackend();
    }

    @Override
    public Class getNDArrayClass() {
        throw notABackend();
    }

    @Override
    public Environment getEnvironment() {
        throw notABackend();
    }

    @Override
    public String buildInfo() {
        throw notABackend();
    }

    @Override
    public void logBackendInit() {
        throw notABackend();
    }

    private static UnsupportedOperationException notABackend() {
        return new UnsupportedOperationException("io.neurite.nativeops.PrepareNativeRuntime only prepares libnd4j"
                + " before it loads; it is not an ND4J backend. Put nd4j-native (or nd4j-cuda) on the classpath.");
    }
}
