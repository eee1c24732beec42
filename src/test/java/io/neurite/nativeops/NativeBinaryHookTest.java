package io.neurite.nativeops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A program that touches only ND4J, never a Neurite class, still gets NativeBinary's choice: the service hook runs
 * when ND4J looks for its backends. Checked in a fresh JVM, since this one has loaded ND4J already.
 */
class NativeBinaryHookTest {
    /** The fresh JVM's program: ND4J only; prints the folder of the JNI library JavaCPP loaded. */
    public static final class Nd4jOnly {
        public static void main(String[] args) {
            double sum = Nd4j.create(new double[] {1, 2, 3}).sumNumber().doubleValue();
            System.out.println("sum=" + sum + " loaded=" + Path.of(Loader.getLoadedLibraries().get("jnind4jcpu")).getParent().getFileName());
        }
    }

    private static String runNd4jOnly(String natives) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dneurite.natives=" + natives, Nd4jOnly.class.getName())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "child JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void plainNd4jProgramLoadsTheChosenBinary() throws Exception {
        // The generic build is never JavaCPP's own pick when the oneDNN ones are on the classpath.
        String generic = runNd4jOnly("generic");
        assertTrue(generic.contains("sum=6.0 loaded=" + Loader.getPlatform() + "\n"), "expected the generic build in:\n" + generic);
        String auto = runNd4jOnly("auto");
        String expected = NativeBinary.choose(Loader.getPlatform(), null, "auto", NativeBinary.cpuFlags(Loader.getPlatform()),
                v -> NativeBinary.class.getClassLoader().getResource(NativeBinary.libraryResource(Loader.getPlatform() + v.extension())) != null)
                .classifier();
        assertTrue(auto.contains("sum=6.0 loaded=" + expected + "\n"), "expected " + expected + " in:\n" + auto);
        assertFalse(auto.contains("PrepareNativeRuntime"), "ND4J asked the hook to be a backend:\n" + auto);
    }
}
