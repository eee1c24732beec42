package io.neurite.data;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Sequences of different lengths padded with zeros to the longest, and their 0/1 mask. */
record PaddedSequences(INDArray values, INDArray mask) {
    static PaddedSequences of(List<double[][]> seqs, String name) {
        if (seqs.isEmpty()) throw new IllegalArgumentException(name + " has no sequences");
        int longest = seqs.stream().mapToInt(s -> s.length).max().orElse(0);
        int width = seqs.get(0).length > 0 ? seqs.get(0)[0].length : 0;
        INDArray values = Nd4j.zeros(DataType.FLOAT, seqs.size(), longest, width);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, seqs.size(), longest);
        for (int i = 0; i < seqs.size(); i++) {
            double[][] s = seqs.get(i);
            if (s.length == 0) throw new IllegalArgumentException(name + " sequence " + i + " is empty");
            for (int t = 0; t < s.length; t++) {
                if (s[t].length != width) {
                    throw new IllegalArgumentException(name + " sequence " + i + " step " + t + " has " + s[t].length
                            + " values but other steps have " + width);
                }
                for (int j = 0; j < width; j++) values.putScalar(new long[] {i, t, j}, s[t][j]);
                mask.putScalar(i, t, 1f);
            }
        }
        return new PaddedSequences(values, mask);
    }
}
