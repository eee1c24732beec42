package io.neurite.nativeops;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Runs a SameDiff layer's first backward pass without the lines DL4J 1.0.0-M2.1 prints there: its
 * {@code SameDiff.createGradFunction} writes "Added differentiated op NAME" to System.out, unconditionally, for every
 * op of the layer. While {@link #run} executes, System.out drops exactly those lines; everything else passes through.
 */
final class QuietGradientSetup {
    static final String CHATTER = "Added differentiated op ";

    private QuietGradientSetup() {}

    static <T> T run(Supplier<T> firstBackward) {
        PrintStream original = System.out;
        PrintStream filtered = new PrintStream(original, true) {
            @Override
            public void println(String line) {
                if (line == null || !line.startsWith(CHATTER)) super.println(line);
            }
        };
        System.setOut(filtered);
        try {
            return firstBackward.get();
        } finally {
            if (System.out == filtered) System.setOut(original);
        }
    }
}
