package io.neurite.util;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Runs code without the differentiation chatter of DL4J 1.0.0-M2.1's SameDiff. {@code SameDiff.createGradFunction}
 * (reached by {@code calculateGradients} and by every SameDiff layer's first backward pass) prints
 * {@code "Added differentiated op NAME"} for each op it differentiates, with a bare {@code System.out.println} that
 * no logger or setting controls. While a block runs here, {@code System.out} is a line filter that drops exactly the
 * lines starting with that text and passes every other byte through in order. Blocks may nest and run on several
 * threads at once: the filter is installed when the first block starts and the original stream restored when the
 * last one ends.
 */
public final class SameDiffQuiet {
    static final String CHATTER = "Added differentiated op ";

    private static int depth;
    private static PrintStream original;
    private static LineFilter filter;

    private SameDiffQuiet() { }

    /** {@code block.get()} with SameDiff's "Added differentiated op" lines removed from standard output. */
    public static <T> T call(Supplier<T> block) {
        enter();
        try {
            return block.get();
        } finally {
            exit();
        }
    }

    /** {@code block.run()} with SameDiff's "Added differentiated op" lines removed from standard output. */
    public static void run(Runnable block) {
        call(() -> {
            block.run();
            return null;
        });
    }

    private static synchronized void enter() {
        if (depth++ > 0) return;
        original = System.out;
        filter = new LineFilter(original);
        String encoding = System.getProperty("sun.stdout.encoding"); // as System.out itself is created in JDK 17
        Charset charset = encoding == null ? Charset.defaultCharset() : Charset.forName(encoding);
        System.setOut(new PrintStream(filter, true, charset));
    }

    private static synchronized void exit() {
        if (--depth > 0) return;
        System.out.flush();
        filter.release();
        System.setOut(original);
        original = null;
        filter = null;
    }

    /** Holds each line until its end and forwards it unless it starts with {@link #CHATTER}. */
    static final class LineFilter extends OutputStream {
        private static final byte[] PREFIX = CHATTER.getBytes(StandardCharsets.US_ASCII);
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineFilter(PrintStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n') endLine();
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) write(bytes[i]);
        }

        /** Forwards a partial line at once unless it may still become a dropped line (so prompts are not held back). */
        @Override
        public synchronized void flush() {
            if (!mayBeChatter()) forward();
            target.flush();
        }

        /** Forwards whatever is pending; called when the filter is removed. */
        synchronized void release() {
            forward();
            target.flush();
        }

        private void endLine() {
            if (startsWithChatter()) line.reset();
            else forward();
        }

        private void forward() {
            if (line.size() == 0) return;
            target.write(line.toByteArray(), 0, line.size());
            line.reset();
        }

        private boolean startsWithChatter() {
            byte[] pending = line.toByteArray();
            return pending.length >= PREFIX.length && Arrays.equals(pending, 0, PREFIX.length, PREFIX, 0, PREFIX.length);
        }

        private boolean mayBeChatter() {
            byte[] pending = line.toByteArray();
            int n = Math.min(pending.length, PREFIX.length);
            return pending.length > 0 && Arrays.equals(pending, 0, n, PREFIX, 0, n);
        }
    }
}
