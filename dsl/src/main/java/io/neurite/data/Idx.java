package io.neurite.data;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The IDX format of MNIST and Fashion-MNIST: a big-endian magic number {@code 0x0000TTDD} (type 08 = unsigned byte,
 * DD = number of dimensions), DD big-endian 32-bit sizes, then the values. Images have magic 2051 (3 dimensions),
 * labels 2049 (1 dimension).
 */
final class Idx {
    static final int IMAGES_MAGIC = 2051;
    static final int LABELS_MAGIC = 2049;

    private Idx() { }

    /** Unsigned bytes with their dimensions, after checking magic and length. */
    record Array(int[] dims, byte[] values) {
        int count() { return dims[0]; }
    }

    static Array read(DataFile file, int expectedMagic) {
        byte[] b = file.bytes();
        int dimsCount = expectedMagic & 0xff;
        int header = 4 + 4 * dimsCount;
        if (b.length < 4) throw truncatedHeader(file, b.length, header);
        ByteBuffer buf = ByteBuffer.wrap(b);
        int magic = buf.getInt();
        if (magic != expectedMagic) {
            throw new DataFormatException(file.name(), "byte 0", "IDX magic number " + expectedMagic,
                    magic + (magic == IMAGES_MAGIC || magic == LABELS_MAGIC ? " (images and labels swapped?)" : ""));
        }
        if (b.length < header) throw truncatedHeader(file, b.length, header);
        int[] dims = new int[dimsCount];
        long total = 1;
        for (int d = 0; d < dimsCount; d++) {
            dims[d] = buf.getInt();
            if (dims[d] < 0) {
                throw new DataFormatException(file.name(), "byte " + (4 + 4 * d), "a non-negative dimension size",
                        Integer.toString(dims[d]));
            }
            total *= dims[d];
        }
        if (b.length - header != total) {
            throw new DataFormatException(file.name(), "byte " + b.length, (header + total) + " bytes for dimensions "
                    + Arrays.toString(dims), b.length + " bytes" + (b.length - header < total ? " (truncated)" : ""));
        }
        return new Array(dims, Arrays.copyOfRange(b, header, b.length));
    }

    private static DataFormatException truncatedHeader(DataFile file, int length, int header) {
        return new DataFormatException(file.name(), "byte " + length, "an IDX header of " + header + " bytes",
                "end of file (the file is truncated)");
    }
}
