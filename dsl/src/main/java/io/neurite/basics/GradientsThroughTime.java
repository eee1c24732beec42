package io.neurite.basics;

import io.neurite.util.SameDiffQuiet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Vanishing gradients through time: how much the loss at the last step T depends on the hidden state h_t of each
 * earlier step, ||dL/dh_t||_2 for t = 1..T, in a simple RNN and in an LSTM with the same random inputs and the same
 * loss L = v . h_T (v fixed and random). Weights are drawn with variance 1/fan-in (W_x ~ N(0, 1/inputs),
 * W_h ~ N(0, 1/units)), biases 0 except the LSTM's forget gate, 1 (the usual initialisation, DL4J's too).
 * <pre>
 *   simple RNN: h_t = tanh(x_t W_x + h_{t-1} W_h + b),            dL/dh_{t-1} = (dL/dh_t * (1 - h_t^2)) W_h^T
 *   LSTM:       c_t = f_t * c_{t-1} + i_t * g_t,  h_t = o_t * tanh(c_t)
 * </pre>
 * In the simple RNN every step back multiplies the gradient by W_h^T and the tanh derivatives; in the LSTM the cell
 * state carries it back through the forget gates f_t alone. dL/dh_t is read as the gradient of a zero offset added to
 * h_t (so SameDiff's autodiff gives it exactly); the unrolled graph is written out step by step.
 */
public final class GradientsThroughTime {
    private GradientsThroughTime() { }

    /** The two cells compared. */
    public enum Cell { SIMPLE_RNN, LSTM }

    /** The states h_1..h_T ([T][units]) and dL/dh_1..dL/dh_T ([T][units]) of one unrolled network. */
    public record Gradients(double[][] states, double[][] gradients) {
        /** ||dL/dh_t||_2 for t = 1..T (index t - 1). */
        public double[] norms() {
            double[] n = new double[gradients.length];
            for (int t = 0; t < n.length; t++) {
                double s = 0;
                for (double g : gradients[t]) s += g * g;
                n[t] = Math.sqrt(s);
            }
            return n;
        }
    }

    /** The random weights and inputs of one network, drawn from {@code seed}. */
    public record Weights(INDArray wx, INDArray wh, INDArray b, INDArray[] x, INDArray v) {
        public static Weights draw(Cell cell, int inputs, int units, int steps, long seed) {
            if (inputs < 1 || units < 1 || steps < 1) {
                throw new IllegalArgumentException("inputs, units and steps must be at least 1");
            }
            int gates = cell == Cell.LSTM ? 4 : 1;
            Random random = new Random(seed);
            INDArray wx = gaussian(random, inputs, gates * units, Math.sqrt(1.0 / inputs));
            INDArray wh = gaussian(random, units, gates * units, Math.sqrt(1.0 / units));
            INDArray b = Nd4j.zeros(DataType.DOUBLE, 1, (long) gates * units);
            if (cell == Cell.LSTM) b.get(NDArrayIndex.all(), NDArrayIndex.interval(units, 2 * units)).assign(1.0); // [i, f, o, g]
            INDArray[] x = new INDArray[steps];
            for (int t = 0; t < steps; t++) x[t] = gaussian(random, 1, inputs, 1);
            INDArray v = gaussian(random, 1, units, 1);
            return new Weights(wx, wh, b, x, v);
        }
    }

    /** ||dL/dh_t||_2 for t = 1..T of a freshly drawn {@code cell} network. */
    public static double[] norms(Cell cell, int units, int steps, long seed) {
        return gradients(cell, Weights.draw(cell, units, units, steps, seed)).norms();
    }

    /** The states and dL/dh_t of the network with weights {@code w}, by autodiff of the unrolled graph. */
    public static Gradients gradients(Cell cell, Weights w) {
        SameDiff sd = SameDiff.create();
        int units = (int) w.v().size(1), steps = w.x().length;
        int gates = (int) (w.b().size(1) / units);
        SDVariable[] wx = new SDVariable[gates], wh = new SDVariable[gates], b = new SDVariable[gates];
        for (int k = 0; k < gates; k++) {                               // one block per gate: [i, f, o, g] for the LSTM
            wx[k] = sd.constant("wx" + k, block(w.wx(), k, units));
            wh[k] = sd.constant("wh" + k, block(w.wh(), k, units));
            b[k] = sd.constant("b" + k, block(w.b(), k, units));
        }
        SDVariable h = sd.constant("h0", Nd4j.zeros(DataType.DOUBLE, 1, units));
        SDVariable c = sd.constant("c0", Nd4j.zeros(DataType.DOUBLE, 1, units));
        List<String> offsets = new ArrayList<>(), states = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            SDVariable x = sd.constant("x" + t, w.x()[t]);
            SDVariable[] z = new SDVariable[gates];
            for (int k = 0; k < gates; k++) z[k] = x.mmul(wx[k]).add(h.mmul(wh[k])).add(b[k]);
            SDVariable next;
            if (cell == Cell.SIMPLE_RNN) {
                next = sd.math().tanh(z[0]);
            } else {
                SDVariable i = sd.nn().sigmoid(z[0]), f = sd.nn().sigmoid(z[1]), o = sd.nn().sigmoid(z[2]);
                c = f.mul(c).add(i.mul(sd.math().tanh(z[3])));
                next = o.mul(sd.math().tanh(c));
            }
            SDVariable offset = sd.var("offset" + t, Nd4j.zeros(DataType.DOUBLE, 1, units));
            h = next.add("h" + (t + 1), offset);
            offsets.add(offset.name());
            states.add(h.name());
        }
        h.mul(sd.constant("v", w.v())).sum().markAsLoss();
        Map<String, INDArray> grads = SameDiffQuiet.call(() -> sd.calculateGradients(Map.of(), offsets));
        Map<String, INDArray> values = SameDiffQuiet.call(() -> sd.output(Map.of(), states));
        double[][] hs = new double[steps][], gs = new double[steps][];
        for (int t = 0; t < steps; t++) {
            hs[t] = values.get(states.get(t)).toDoubleVector();
            gs[t] = grads.get(offsets.get(t)).toDoubleVector();
        }
        return new Gradients(hs, gs);
    }

    private static INDArray gaussian(Random random, int rows, int cols, double std) {
        double[][] values = new double[rows][cols];
        for (double[] row : values) for (int j = 0; j < cols; j++) row[j] = std * random.nextGaussian();
        return Nd4j.createFromArray(values);
    }

    /** Columns [k units, (k + 1) units) of a [rows, gates * units] array. */
    private static INDArray block(INDArray a, int k, int units) {
        return a.get(NDArrayIndex.all(), NDArrayIndex.interval(k * units, (k + 1) * units)).dup();
    }
}
