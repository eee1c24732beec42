package io.neurite.nativeops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.bytedeco.javacpp.Loader;

/**
 * Chooses which libnd4j binary JavaCPP loads, before ND4J loads it. On Linux x86-64 the build puts three on the
 * classpath: oneDNN + AVX-512, oneDNN + AVX2 and generic; this picks the fastest one the CPU supports (read from
 * {@code /proc/cpuinfo}), never one that would crash with SIGILL. Other platforms ship one binary, which is used.
 *
 * <p>The choice is applied by setting JavaCPP's {@code org.bytedeco.javacpp.platform.extension} (and JavaCPP's cached
 * platform properties, should another JavaCPP library have loaded first). {@link PrepareNativeRuntime}, registered as an
 * ND4J backend service, calls {@link #select()} while ND4J looks for its backends, so every program that uses ND4J
 * gets the choice without calling anything. Overrides, in order: a user-set
 * {@code -Dorg.bytedeco.javacpp.platform.extension=...} is left alone; {@code -Dneurite.natives=generic},
 * {@code onednn-avx2} or {@code onednn-avx512} forces that binary (an error if it is not on the classpath);
 * {@code auto} (the default) chooses.
 */
public final class NativeBinary {
    /** The system property that forces a binary: {@code auto}, {@code generic}, {@code onednn-avx2}, {@code onednn-avx512}. */
    public static final String PROPERTY = "neurite.natives";
    static final String JAVACPP_EXTENSION = "org.bytedeco.javacpp.platform.extension";

    /** The libnd4j builds for x86-64, fastest first, with the CPU flags each needs. */
    enum Variant {
        ONEDNN_AVX512("onednn-avx512", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl",
                "avx2", "fma", "f16c", "bmi1", "bmi2"),
        ONEDNN_AVX2("onednn-avx2", "avx2", "fma", "f16c", "bmi1", "bmi2"),
        GENERIC("generic");

        final String name;
        final List<String> flags;

        Variant(String name, String... flags) {
            this.name = name;
            this.flags = List.of(flags);
        }

        /** JavaCPP's platform extension for this build: "" for the generic one. */
        String extension() {
            return this == GENERIC ? "" : "-" + name;
        }
    }

    /**
     * A libnd4j binary and why it was chosen.
     *
     * @param classifier the Maven classifier of the binary, e.g. {@code linux-x86_64-onednn-avx2}
     * @param extension JavaCPP's platform extension that selects it ("" = the platform's plain build)
     * @param reason one sentence: the CPU features and overrides that led to it
     */
    public record Choice(String classifier, String extension, String reason) { }

    private static volatile Choice selected;

    private NativeBinary() { }

    /**
     * Chooses the binary and tells JavaCPP, once per JVM; later calls return the same choice. Must run before ND4J
     * loads its natives to have an effect (it does when ND4J discovers its backends, via {@link PrepareNativeRuntime}).
     *
     * @throws IllegalStateException if {@code -Dneurite.natives} names an unknown or absent binary
     */
    public static synchronized Choice select() {
        if (selected == null) {
            String platform = Loader.getPlatform();
            Choice choice = choose(platform, System.getProperty(JAVACPP_EXTENSION),
                    System.getProperty(PROPERTY, "auto"), cpuFlags(platform),
                    v -> NativeBinary.class.getClassLoader().getResource(libraryResource(platform + v.extension())) != null);
            if (System.getProperty(JAVACPP_EXTENSION) == null) {
                System.setProperty(JAVACPP_EXTENSION, choice.extension());
                // JavaCPP copies its system properties once, at its first load; if that was before us, update that copy.
                Loader.loadProperties().setProperty("platform.extension", choice.extension());
            }
            selected = choice;
        }
        return selected;
    }

    /**
     * The choice itself, without side effects.
     *
     * @param platform JavaCPP's platform, e.g. {@code linux-x86_64}
     * @param userExtension the user's {@code org.bytedeco.javacpp.platform.extension}, or null
     * @param requested {@code auto} or a {@link Variant} name
     * @param cpuFlags the CPU's feature flags as /proc/cpuinfo names them (empty where unknown)
     * @param onClasspath whether a variant's binary for this platform is on the classpath
     */
    static Choice choose(String platform, String userExtension, String requested, Set<String> cpuFlags,
                         Predicate<Variant> onClasspath) {
        if (userExtension != null) {
            return new Choice(platform + userExtension, userExtension,
                    "set by -D" + JAVACPP_EXTENSION + "=" + userExtension);
        }
        String wanted = requested.trim().toLowerCase(Locale.ROOT);
        if (!wanted.equals("auto")) {
            Variant variant = Arrays.stream(Variant.values()).filter(v -> v.name.equals(wanted)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("-D" + PROPERTY + "=" + requested
                            + " names no libnd4j binary; use auto, " + Arrays.stream(Variant.values())
                            .map(v -> v.name).collect(Collectors.joining(", "))));
            if (!onClasspath.test(variant)) {
                throw new IllegalStateException("-D" + PROPERTY + "=" + requested + ": the libnd4j binary "
                        + platform + variant.extension() + " is not on the classpath (the build adds the oneDNN ones"
                        + " on Linux x86-64 only); use -D" + PROPERTY + "=auto");
            }
            return new Choice(platform + variant.extension(), variant.extension(), "forced by -D" + PROPERTY + "=" + wanted);
        }
        if (!platform.equals("linux-x86_64")) {
            return new Choice(platform, "", "the only libnd4j binary built for " + platform);
        }
        for (Variant v : Variant.values()) {
            if (v == Variant.GENERIC) {
                break;
            }
            if (!onClasspath.test(v)) {
                continue;
            }
            Set<String> missing = new TreeSet<>(v.flags);
            missing.removeAll(cpuFlags);
            if (missing.isEmpty()) {
                return new Choice(platform + v.extension(), v.extension(),
                        "the fastest binary on the classpath this CPU supports: it has " + String.join(", ", v.flags)
                                + faster(v, platform, cpuFlags, onClasspath));
            }
        }
        return new Choice(platform, "", "the CPU lacks the AVX2 features of the oneDNN builds"
                + (cpuFlags.isEmpty() ? " (no /proc/cpuinfo flags read)" : ""));
    }

    /** Why a faster variant was passed over: "; it lacks avx512f, ..." for the one above {@code chosen}, or "". */
    private static String faster(Variant chosen, String platform, Set<String> cpuFlags, Predicate<Variant> onClasspath) {
        if (chosen.ordinal() == 0) {
            return "";
        }
        Variant above = Variant.values()[chosen.ordinal() - 1];
        Set<String> missing = new TreeSet<>(above.flags);
        missing.removeAll(cpuFlags);
        return onClasspath.test(above) ? "; it lacks " + String.join(", ", missing) + ", which " + platform
                + above.extension() + " needs" : "";
    }

    /** The CPU's feature flags from /proc/cpuinfo on Linux; empty elsewhere or when unreadable. */
    static Set<String> cpuFlags(String platform) {
        if (!platform.startsWith("linux")) {
            return Set.of();
        }
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("flags")).findFirst()
                    .map(l -> Set.of(l.substring(l.indexOf(':') + 1).trim().split("\\s+")))
                    .orElse(Set.of());
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    /** Where JavaCPP finds libnd4j's JNI library for a platform + extension inside the nd4j-native jars. */
    static String libraryResource(String platformWithExtension) {
        return "org/nd4j/linalg/cpu/nativecpu/bindings/" + platformWithExtension + "/"
                + System.mapLibraryName("jnind4jcpu");
    }
}
