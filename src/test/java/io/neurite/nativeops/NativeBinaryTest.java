package io.neurite.nativeops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The choice of libnd4j binary for CPUs whose feature flags are known (as /proc/cpuinfo lists them). */
class NativeBinaryTest {
    /** An Intel Skylake-SP (Xeon Scalable): AVX-512 F/CD/BW/DQ/VL. */
    private static final Set<String> SKYLAKE_SP = Set.of("sse4_2", "avx", "avx2", "fma", "f16c", "bmi1", "bmi2",
            "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");
    /** An AMD EPYC Rome (Zen 2): AVX2, no AVX-512 (this project's build machines). */
    private static final Set<String> ZEN2 = Set.of("sse4_2", "avx", "avx2", "fma", "f16c", "bmi1", "bmi2", "sse4a");
    /** An Intel Xeon Phi Knights Landing: AVX-512 F/CD but not BW/DQ/VL, which the avx512 build needs. */
    private static final Set<String> KNIGHTS_LANDING = Set.of("sse4_2", "avx", "avx2", "fma", "f16c", "bmi1", "bmi2",
            "avx512f", "avx512cd", "avx512er", "avx512pf");
    /** An Intel Sandy Bridge: AVX but no AVX2. */
    private static final Set<String> SANDY_BRIDGE = Set.of("sse4_2", "avx", "popcnt");

    private static final Predicate<NativeBinary.Variant> ALL = v -> true;

    private static String auto(Set<String> flags) {
        return NativeBinary.choose("linux-x86_64", null, "auto", flags, ALL).classifier();
    }

    @Test
    void fastestSupportedBinaryPerCpu() {
        assertEquals("linux-x86_64-onednn-avx512", auto(SKYLAKE_SP));
        assertEquals("linux-x86_64-onednn-avx2", auto(ZEN2));
        assertEquals("linux-x86_64-onednn-avx2", auto(KNIGHTS_LANDING));
        assertEquals("linux-x86_64", auto(SANDY_BRIDGE));
        assertEquals("linux-x86_64", auto(Set.of()));
    }

    @Test
    void reasonNamesWhatTheCpuLacks() {
        String reason = NativeBinary.choose("linux-x86_64", null, "auto", ZEN2, ALL).reason();
        assertTrue(reason.contains("it lacks avx512bw, avx512cd, avx512dq, avx512f, avx512vl"), reason);
        assertTrue(NativeBinary.choose("linux-x86_64", null, "auto", SANDY_BRIDGE, ALL).reason().contains("lacks"));
    }

    @Test
    void onlyBinariesOnTheClasspathAreChosen() {
        var noAvx512 = NativeBinary.choose("linux-x86_64", null, "auto", SKYLAKE_SP,
                v -> v != NativeBinary.Variant.ONEDNN_AVX512);
        assertEquals("linux-x86_64-onednn-avx2", noAvx512.classifier());
        assertEquals("-onednn-avx2", noAvx512.extension());
    }

    @Test
    void otherPlatformsUseTheirOnlyBinary() {
        var mac = NativeBinary.choose("macosx-arm64", null, "auto", Set.of(), ALL);
        assertEquals("macosx-arm64", mac.classifier());
        assertEquals("", mac.extension());
    }

    @Test
    void overrides() {
        assertEquals("linux-x86_64", NativeBinary.choose("linux-x86_64", null, "generic", SKYLAKE_SP, ALL).classifier());
        assertEquals("", NativeBinary.choose("linux-x86_64", null, "generic", SKYLAKE_SP, ALL).extension());
        var user = NativeBinary.choose("linux-x86_64", "-onednn", "onednn-avx2", ZEN2, ALL);
        assertEquals("linux-x86_64-onednn", user.classifier());
        assertTrue(user.reason().contains("org.bytedeco.javacpp.platform.extension"), user.reason());
    }

    @Test
    void badOverridesSayWhatToUse() {
        var unknown = assertThrows(IllegalStateException.class,
                () -> NativeBinary.choose("linux-x86_64", null, "avx9", ZEN2, ALL));
        assertTrue(unknown.getMessage().contains("-Dneurite.natives=avx9 names no libnd4j binary; use auto, "
                + "onednn-avx512, onednn-avx2, generic"), unknown.getMessage());
        var absent = assertThrows(IllegalStateException.class,
                () -> NativeBinary.choose("macosx-arm64", null, "onednn-avx2", Set.of(), v -> v == NativeBinary.Variant.GENERIC));
        assertTrue(absent.getMessage().contains("macosx-arm64-onednn-avx2 is not on the classpath"), absent.getMessage());
    }
}
