package io.neurite.nativeops;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The H x W planes of an NCHW array, read and written a plane at a time through the array's off-heap buffer (one bulk
 * copy each way). An array whose planes are each contiguous is read in place, including channel slices of a larger
 * array (a merge vertex's errors); others are read from a copy in c order, so write only to fresh c-order arrays.
 */
final class Planes {
    private final INDArray array;
    private final int offset;
    private final long stride0;
    private final long stride1;
    private final int channels;
    private final int count;
    private final FloatBuffer floats;
    private final DoubleBuffer doubles;

    /** {@code a}: rank 4, [n, c, h, w], float or double. */
    Planes(INDArray a) {
        array = planesContiguous(a) ? a : a.dup('c');
        offset = (int) array.offset();
        stride0 = array.stride(0);
        stride1 = array.stride(1);
        channels = (int) array.size(1);
        count = (int) array.size(0) * channels;               // kept: INDArray.size costs ~1 us a call
        boolean single = array.dataType() == DataType.FLOAT;
        floats = single ? array.data().asNioFloat() : null;       // the whole buffer: offset() indexes into it
        doubles = single ? null : array.data().asNioDouble();
    }

    /** Whether {@code a}'s kind of array can be read: float or double, rank 4, under 2^31 elements in its buffer. */
    static boolean supports(INDArray a) {
        return a.rank() == 4 && (a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE)
                && a.data().length() < Integer.MAX_VALUE;
    }

    private static boolean planesContiguous(INDArray a) {
        return a.stride(3) == 1 && a.stride(2) == a.size(3) || a.size(2) == 1 && a.stride(3) == 1;
    }

    /** The number of planes, n c. */
    int count() { return count; }

    private int start(int plane) { return (int) (offset + plane / channels * stride0 + plane % channels * stride1); }

    void read(int plane, float[] into) { floats.get(start(plane), into); }

    void read(int plane, double[] into) { doubles.get(start(plane), into); }

    /** Reads {@code length} values of a plane into {@code into} from {@code at}. */
    void read(int plane, float[] into, int at, int length) { floats.get(start(plane), into, at, length); }

    void read(int plane, double[] into, int at, int length) { doubles.get(start(plane), into, at, length); }

    void write(int plane, float[] from) { floats.put(start(plane), from); }

    void write(int plane, double[] from) { doubles.put(start(plane), from); }

    boolean single() { return floats != null; }
}
