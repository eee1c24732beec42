package io.neurite.basics;

import io.neurite.util.SameDiffQuiet;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Backpropagation by hand for a two-layer network with sigmoid units and binary cross-entropy, in double precision.
 * For a batch X of m rows (one example each) and targets Y in {0, 1}:
 * <pre>
 *   z1 = X W1 + b1,   a1 = sigmoid(z1)
 *   z2 = a1 W2 + b2,  y_hat = sigmoid(z2)
 *   L  = -(1/m) sum_i sum_k [ y log(y_hat) + (1 - y) log(1 - y_hat) ]
 * </pre>
 * The loss is averaged over the batch (as DL4J's XENT loss does) and summed over outputs, so every gradient
 * carries a factor 1/m. The chain rule gives, with sigmoid'(z) = sigmoid(z)(1 - sigmoid(z)):
 * <pre>
 *   dL/dz2 = (y_hat - y) / m            (sigmoid and cross-entropy cancel)
 *   dL/dW2 = a1^T dL/dz2                dL/db2 = column sums of dL/dz2
 *   dL/da1 = dL/dz2 W2^T
 *   dL/dz1 = dL/da1 * a1 (1 - a1)       (element-wise)
 *   dL/dW1 = X^T dL/dz1                 dL/db1 = column sums of dL/dz1
 * </pre>
 * The parameters are held here and changed only by {@link #gradientDescentStep}.
 */
public final class TwoLayerBackprop {
    private INDArray w1, b1, w2, b2;

    /** The forward pass's intermediate values and the loss. */
    public record Forward(INDArray z1, INDArray a1, INDArray z2, INDArray yHat, double loss) {}

    /** dL/dW1, dL/db1, dL/dW2, dL/db2, each shaped like its parameter. */
    public record Gradients(INDArray dW1, INDArray db1, INDArray dW2, INDArray db2) {
        /** The largest absolute difference between corresponding entries of this and {@code other}. */
        public double maxAbsDifference(Gradients other) {
            double max = 0;
            INDArray[] mine = {dW1, db1, dW2, db2}, theirs = {other.dW1, other.db1, other.dW2, other.db2};
            for (int i = 0; i < mine.length; i++) {
                if (!Arrays.equals(mine[i].shape(), theirs[i].shape())) {
                    throw new IllegalArgumentException("gradient " + i + " has shape " + Arrays.toString(mine[i].shape())
                            + " here but " + Arrays.toString(theirs[i].shape()) + " in the other");
                }
                max = Math.max(max, mine[i].sub(theirs[i]).amaxNumber().doubleValue());
            }
            return max;
        }
    }

    /** A network with the given parameters (copied to double): W1 [in, hidden], b1 [1, hidden], W2 [hidden, out], b2 [1, out]. */
    public TwoLayerBackprop(INDArray w1, INDArray b1, INDArray w2, INDArray b2) {
        for (INDArray w : new INDArray[] {w1, w2}) {
            if (w.rank() != 2) {
                throw new IllegalArgumentException((w == w1 ? "W1" : "W2") + " must be a matrix, got shape "
                        + Arrays.toString(w.shape()));
            }
        }
        long in = w1.size(0), hidden = w1.size(1), out = w2.size(1);
        requireShape("W1", w1, in, hidden);
        requireShape("b1", b1, 1, hidden);
        requireShape("W2", w2, hidden, out);
        requireShape("b2", b2, 1, out);
        this.w1 = w1.castTo(DataType.DOUBLE).dup();
        this.b1 = b1.castTo(DataType.DOUBLE).dup();
        this.w2 = w2.castTo(DataType.DOUBLE).dup();
        this.b2 = b2.castTo(DataType.DOUBLE).dup();
    }

    /**
     * Weights drawn uniformly from +-sqrt(6 / (fan_in + fan_out)) (Xavier/Glorot) with the given seed, biases zero.
     */
    public static TwoLayerBackprop random(int inputs, int hidden, int outputs, long seed) {
        Random rnd = new Random(seed);
        return new TwoLayerBackprop(xavier(inputs, hidden, rnd), Nd4j.zeros(DataType.DOUBLE, 1, hidden),
                xavier(hidden, outputs, rnd), Nd4j.zeros(DataType.DOUBLE, 1, outputs));
    }

    public INDArray w1() { return w1.dup(); }
    public INDArray b1() { return b1.dup(); }
    public INDArray w2() { return w2.dup(); }
    public INDArray b2() { return b2.dup(); }

    /** The forward pass and the mean binary cross-entropy against {@code y}. */
    public Forward forward(INDArray x, INDArray y) {
        checkBatch(x, y);
        INDArray xd = x.castTo(DataType.DOUBLE);
        INDArray z1 = xd.mmul(w1).addRowVector(b1);
        INDArray a1 = Transforms.sigmoid(z1, true);
        INDArray z2 = a1.mmul(w2).addRowVector(b2);
        INDArray yHat = Transforms.sigmoid(z2, true);
        INDArray yd = y.castTo(DataType.DOUBLE);
        INDArray perEntry = yd.mul(Transforms.log(yHat, true))
                .add(yd.rsub(1.0).mul(Transforms.log(yHat.rsub(1.0), true)));
        double loss = -perEntry.sumNumber().doubleValue() / x.size(0);
        return new Forward(z1, a1, z2, yHat, loss);
    }

    /** y_hat for each row of {@code x}. */
    public INDArray predict(INDArray x) {
        checkBatch(x, null);
        INDArray a1 = Transforms.sigmoid(x.castTo(DataType.DOUBLE).mmul(w1).addRowVector(b1), true);
        return Transforms.sigmoid(a1.mmul(w2).addRowVector(b2), true);
    }

    /** The gradients by the hand-derived formulas in the class comment, with plain ND4J matrix operations. */
    public Gradients handGradients(INDArray x, INDArray y) {
        return backward(forward(x, y), x, y);
    }

    private Gradients backward(Forward f, INDArray x, INDArray y) {
        INDArray xd = x.castTo(DataType.DOUBLE);
        INDArray dz2 = f.yHat().sub(y.castTo(DataType.DOUBLE)).divi(x.size(0));
        INDArray dW2 = f.a1().transpose().mmul(dz2);
        INDArray db2 = dz2.sum(true, 0);
        INDArray da1 = dz2.mmul(w2.transpose());
        INDArray dz1 = da1.mul(f.a1().mul(f.a1().rsub(1.0)));
        INDArray dW1 = xd.transpose().mmul(dz1);
        INDArray db1 = dz1.sum(true, 0);
        return new Gradients(dW1, db1, dW2, db2);
    }

    /** The same gradients from the framework: SameDiff's reverse-mode autodiff of the same graph and loss. */
    public Gradients autodiffGradients(INDArray x, INDArray y) {
        checkBatch(x, y);
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("x", DataType.DOUBLE, -1, w1.size(0));
        SDVariable target = sd.placeHolder("y", DataType.DOUBLE, -1, w2.size(1));
        SDVariable vw1 = sd.var("W1", w1.dup()), vb1 = sd.var("b1", b1.dup());
        SDVariable vw2 = sd.var("W2", w2.dup()), vb2 = sd.var("b2", b2.dup());
        SDVariable a1 = sd.nn().sigmoid(in.mmul(vw1).add(vb1));
        SDVariable yHat = sd.nn().sigmoid(a1.mmul(vw2).add(vb2));
        SDVariable perEntry = target.mul(sd.math().log(yHat)).add(target.rsub(1.0).mul(sd.math().log(yHat.rsub(1.0))));
        SDVariable loss = perEntry.sum().neg().div("loss", x.size(0));
        sd.setLossVariables(loss);
        Map<String, INDArray> placeholders = Map.of("x", x.castTo(DataType.DOUBLE), "y", y.castTo(DataType.DOUBLE));
        Map<String, INDArray> g = SameDiffQuiet.call(() -> sd.calculateGradients(placeholders, "W1", "b1", "W2", "b2"));
        return new Gradients(g.get("W1"), g.get("b1"), g.get("W2"), g.get("b2"));
    }

    /** One step of gradient descent, theta &lt;- theta - eta dL/dtheta, on the hand gradients; returns the loss before it. */
    public double gradientDescentStep(INDArray x, INDArray y, double learningRate) {
        Forward f = forward(x, y);
        Gradients g = backward(f, x, y);
        w1.subi(g.dW1().mul(learningRate));
        b1.subi(g.db1().mul(learningRate));
        w2.subi(g.dW2().mul(learningRate));
        b2.subi(g.db2().mul(learningRate));
        return f.loss();
    }

    private void checkBatch(INDArray x, INDArray y) {
        if (x.rank() != 2 || x.size(1) != w1.size(0)) {
            throw new IllegalArgumentException("x must be [batch, " + w1.size(0) + "] (one example a row), got "
                    + Arrays.toString(x.shape()));
        }
        if (y != null && (y.rank() != 2 || y.size(0) != x.size(0) || y.size(1) != w2.size(1))) {
            throw new IllegalArgumentException("y must be [" + x.size(0) + ", " + w2.size(1) + "] to match x, got "
                    + Arrays.toString(y.shape()));
        }
    }

    private static void requireShape(String name, INDArray a, long rows, long cols) {
        if (a.rank() != 2 || a.size(0) != rows || a.size(1) != cols) {
            throw new IllegalArgumentException(name + " must be [" + rows + ", " + cols + "], got "
                    + Arrays.toString(a.shape()));
        }
    }

    private static INDArray xavier(int fanIn, int fanOut, Random rnd) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        double[][] w = new double[fanIn][fanOut];
        for (double[] row : w) for (int j = 0; j < fanOut; j++) row[j] = (2 * rnd.nextDouble() - 1) * limit;
        return Nd4j.createFromArray(w);
    }
}
