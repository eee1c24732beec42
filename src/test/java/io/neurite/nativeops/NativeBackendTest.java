package io.neurite.nativeops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The libnd4j binary NativeBinary chose (automatically, or as forced by surefire's -Dneurite.natives) is the one
 * JavaCPP loaded, and on a CPU without AVX-512 the AVX-512 build is never chosen.
 */
class NativeBackendTest {
    @Test
    void loadedBinaryIsTheChosenOne() {
        NativeBinary.Choice choice = NativeBackend.binary();
        Path loaded = NativeBackend.loadedLibrary();
        assertEquals(choice.classifier(), loaded.getParent().getFileName().toString(),
                "chose " + choice + " but JavaCPP loaded " + loaded);
        assertEquals(choice.classifier().contains("onednn"), NativeBackend.hasOneDnn(),
                "binary " + choice.classifier() + " but build info:\n" + NativeBackend.buildInfo());
        assertTrue(NativeBackend.buildInfo().contains("HAVE_OPENBLAS"));
        assertTrue(NativeBackend.describe().contains("libnd4j " + choice.classifier()), NativeBackend.describe());
    }

    @Test
    void forcedBinaryIsHonoured() {
        String forced = System.getProperty(NativeBinary.PROPERTY, "auto");
        String classifier = NativeBackend.binary().classifier();
        switch (forced) {
            case "generic" -> assertEquals("linux-x86_64", classifier);
            case "onednn-avx2" -> assertEquals("linux-x86_64-onednn-avx2", classifier);
            case "onednn-avx512" -> assertEquals("linux-x86_64-onednn-avx512", classifier);
            default -> assertEquals("auto", forced, "surefire passes neurite.natives; got " + forced);
        }
    }

    @Test
    void avx512BuildIsNotChosenWithoutAvx512() throws Exception {
        String cpuinfo = Files.exists(Path.of("/proc/cpuinfo")) ? Files.readString(Path.of("/proc/cpuinfo")) : "";
        if (!cpuinfo.contains(" avx512f")) {
            assertFalse(NativeBackend.binary().classifier().contains("avx512"), NativeBackend.binary().toString());
        }
        if (cpuinfo.contains(" avx2") && "auto".equals(System.getProperty(NativeBinary.PROPERTY, "auto"))
                && !cpuinfo.contains(" avx512f")) {
            assertEquals("linux-x86_64-onednn-avx2", NativeBackend.binary().classifier(), NativeBackend.binary().reason());
        }
    }

    @Test
    void surefireRunsOneOpenMpThread() {
        assertEquals(1, NativeBackend.ompThreads());
        assertTrue(NativeBackend.describe().contains("OpenMP threads 1"), NativeBackend.describe());
    }
}
