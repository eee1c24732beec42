package io.neurite.convolution;

import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Matrices as aligned text, for printing worked examples: one row a line, columns right-aligned,
 * whole numbers without decimals and others to at most 4 decimals (so 1, -8, 0.25, 0.3333).
 */
public final class Grids {
    private Grids() {}

    /** The rows of {@code m} as aligned text, each line ending in a newline. */
    public static String toText(double[][] m) {
        checkRectangular(m);
        String[][] cells = new String[m.length][];
        int width = 1;
        for (int r = 0; r < m.length; r++) {
            cells[r] = new String[m[r].length];
            for (int c = 0; c < m[r].length; c++) {
                cells[r][c] = format(m[r][c]);
                width = Math.max(width, cells[r][c].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : cells) {
            for (int c = 0; c < row.length; c++) {
                if (c > 0) text.append(' ');
                text.append(" ".repeat(width - row[c].length())).append(row[c]);
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** A rank-2 array (or a vector, as one row) as aligned text. */
    public static String toText(INDArray m) {
        if (m.rank() > 2) {
            throw new IllegalArgumentException("Grids prints matrices; got an array of rank " + m.rank()
                    + " (shape " + java.util.Arrays.toString(m.shape()) + ")");
        }
        INDArray matrix = m.rank() == 2 ? m : m.reshape(1, m.length());
        return toText(matrix.toDoubleMatrix());
    }

    /** One number as {@link #toText} writes it: no decimals when whole, else at most 4. */
    public static String format(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) return Double.toString(x);
        String s = String.format(Locale.ROOT, "%.4f", x);
        s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s.equals("-0") ? "0" : s;
    }

    /** Fails unless {@code m} has at least one row, all of the same non-zero length. */
    static void checkRectangular(double[][] m) {
        if (m == null || m.length == 0 || m[0] == null || m[0].length == 0) {
            throw new IllegalArgumentException("expected a matrix with at least one row and one column");
        }
        for (int r = 1; r < m.length; r++) {
            if (m[r] == null || m[r].length != m[0].length) {
                throw new IllegalArgumentException("row " + r + " has " + (m[r] == null ? 0 : m[r].length)
                        + " columns but row 0 has " + m[0].length + "; a matrix must be rectangular");
            }
        }
    }
}
