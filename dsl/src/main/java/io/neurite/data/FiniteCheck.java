package io.neurite.data;

import java.util.Arrays;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Stops NaN and infinite values where data enters Neurite, before they silently poison training (NaN weights, an
 * evaluation failing deep in DL4J). One check for every entry point: loaders, {@link Csv}, and in-memory arrays.
 */
public final class FiniteCheck {
    /** What a NaN or an empty cell usually is, and the fix; shared with {@link Csv}'s message for empty cells. */
    static final String MISSING = "a missing value: fill it in (e.g. with its column's mean) or drop its row";

    private FiniteCheck() { }

    /**
     * Nothing when every value of {@code values} is finite (integer arrays always are); otherwise a
     * {@link DataFormatException} naming {@code label} (e.g. "features"), the first bad value's position as
     * "row r, column c" (rank 2, counted from 0; "element i" for rank 1, "example i, index [...]" above rank 2), the
     * value, how many there are and the fix.
     */
    public static void require(INDArray values, String label) {
        require(values, label, FiniteCheck::arrayPosition);
    }

    /**
     * As {@link #require(INDArray, String)}, with the position of the first bad value described by
     * {@code position} from its indices (e.g. a file's "line 4, column 2").
     */
    public static void require(INDArray values, String label, Function<long[], String> position) {
        if (values.isEmpty() || !values.dataType().isFPType()) return;
        long bad = Nd4j.getExecutioner().exec(new MatchCondition(values, Conditions.notFinite())).getLong(0);
        if (bad == 0) return;
        INDArray flat = Nd4j.toFlattened('c', values);
        long first = BooleanIndexing.firstIndex(flat, Conditions.notFinite()).getLong(0);
        double value = flat.getDouble(first);
        String fix = Double.isNaN(value) ? MISSING : "an overflow or a division by zero where the data was made: correct or clip it, or drop its row";
        throw new DataFormatException(label, position.apply(indices(values.shape(), first)), "a finite number",
                value + (bad > 1 ? " (the first of " + bad + " non-finite values)" : "") + ", " + fix);
    }

    private static long[] indices(long[] shape, long linear) {
        long[] at = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            at[d] = linear % shape[d];
            linear /= shape[d];
        }
        return at;
    }

    private static String arrayPosition(long[] at) {
        return switch (at.length) {
            case 0 -> "the single value";
            case 1 -> "element " + at[0];
            case 2 -> "row " + at[0] + ", column " + at[1];
            default -> "example " + at[0] + ", index " + Arrays.toString(Arrays.copyOfRange(at, 1, at.length));
        };
    }
}
