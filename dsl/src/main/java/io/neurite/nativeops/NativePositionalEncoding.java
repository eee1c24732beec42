package io.neurite.nativeops;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sinusoidal positional encoding added to sequences [n, d, steps] (NCW): y = x + P with P = {@link #table} transposed,
 * a constant of the graph defined per length met. No parameters.
 */
public final class NativePositionalEncoding extends NativeSequenceLayer {
    /** For JSON deserialization only. */
    private NativePositionalEncoding() { }

    private NativePositionalEncoding(Builder b) { super(b); }

    /** The sinusoidal encoding of {@code io.neurite.layers.PositionalEncoding}. */
    public static NativePositionalEncoding sinusoidal() { return new NativePositionalEncoding(new Builder()); }

    @Override
    public boolean unrollsSteps() { return true; }

    @Override
    public void defineParameters(SDLayerParams params) { params.clear(); }

    @Override
    public void initializeParameters(Map<String, INDArray> params) { }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        int steps = (int) input.getShape()[2];
        double[][] p = table(steps, (int) features);
        INDArray ncw = Nd4j.create(p).castTo(input.dataType()).transpose().reshape(1, features, steps);
        return input.add(sd.constant(ncw));
    }

    /** p_{t, 2i} = sin(t / 10000^(2i/d)), p_{t, 2i+1} = cos(t / 10000^(2i/d)), as [steps][d]. */
    public static double[][] table(int steps, int features) {
        double[][] p = new double[steps][features];
        for (int t = 0; t < steps; t++) {
            for (int j = 0; j < features; j++) {
                double angle = t / Math.pow(10000, (j - j % 2) / (double) features);
                p[t][j] = j % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
            }
        }
        return p;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) { return inputType; }

    @Override
    public String toString() { return "NativePositionalEncoding(sinusoidal)"; }

    /** Builder (DL4J's pattern); use {@link #sinusoidal}. */
    public static final class Builder extends org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public NativePositionalEncoding build() { return new NativePositionalEncoding(this); }
    }
}
