package io.neurite.nativeops;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.function.IntToDoubleFunction;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * DL4J's softmax output with cross-entropy ({@code LossMCXENT} without weights), its error and its loss in one pass
 * over the rows in Java: p = softmax(z) by row (exp(z - max z) / sum), the error p - y, and the summed loss
 * -sum y log(clip(p)) with p clipped to [eps, 1 - eps] as {@code LossMCXENT} clips it. DL4J computes them with a
 * dozen libnd4j ops on [n, classes] arrays, each costing more in its call than in its arithmetic for the usual 10
 * classes (4-5% of the MLP 784-512-10's training step, PERFORMANCE.md).
 */
final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() { }

    /**
     * Whether this class computes what {@code loss} with {@code activation} computes for z and labels {@code y}:
     * exactly {@code LossMCXENT} without weights after a softmax, no mask, rank-2 row-major float or double arrays.
     */
    static boolean handles(ILossFunction loss, IActivation activation, INDArray z, INDArray y, INDArray mask) {
        return loss != null && loss.getClass() == LossMCXENT.class && ((LossMCXENT) loss).getWeights() == null
                && activation != null && activation.getClass() == ActivationSoftmax.class && mask == null
                && rowMajor(z) && rowMajor(y) && y.dataType() == z.dataType() && y.equalShapes(z);
    }

    private static boolean rowMajor(INDArray a) {
        return a.rank() == 2 && (a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE)
                && a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) && a.offset() + a.length() <= Integer.MAX_VALUE;
    }

    /**
     * Writes softmax(z) - y into {@code error} (z's shape, row-major) and returns the loss summed over the rows,
     * -sum y log(clip(softmax(z))), clipped to [{@code clip}, 1 - {@code clip}] when {@code clip} is positive.
     */
    static double errorAndLoss(INDArray z, INDArray y, double clip, INDArray error) {
        int n = (int) z.size(0);
        int k = (int) z.size(1);
        double[] p = new double[k];
        double loss = 0;
        if (z.dataType() == DataType.DOUBLE) {
            DoubleBuffer zb = z.data().asNioDouble();
            DoubleBuffer yb = y.data().asNioDouble();
            DoubleBuffer eb = error.data().asNioDouble();
            for (int i = 0; i < n; i++) {
                softmax(zb::get, (int) z.offset() + i * k, p);
                for (int j = 0; j < k; j++) {
                    double yj = yb.get((int) y.offset() + i * k + j);
                    eb.put((int) error.offset() + i * k + j, p[j] - yj);
                    loss += yj * Math.log(clipped(p[j], clip));
                }
            }
        } else {
            FloatBuffer zb = z.data().asNioFloat();
            FloatBuffer yb = y.data().asNioFloat();
            FloatBuffer eb = error.data().asNioFloat();
            for (int i = 0; i < n; i++) {
                softmax(zb::get, (int) z.offset() + i * k, p);
                for (int j = 0; j < k; j++) {
                    float yj = yb.get((int) y.offset() + i * k + j);
                    float pj = (float) p[j];
                    eb.put((int) error.offset() + i * k + j, pj - yj);
                    loss += yj * Math.log((float) clipped(pj, clip));
                }
            }
        }
        return -loss;
    }

    private static double clipped(double p, double clip) {
        if (clip <= 0) return p;
        return p < clip ? clip : p > 1 - clip ? 1 - clip : p;
    }

    /** p = softmax of the row z(from), ..., z(from + p.length - 1), in double whatever z's type. */
    private static void softmax(IntToDoubleFunction z, int from, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < p.length; j++) max = Math.max(max, z.applyAsDouble(from + j));
        double sum = 0;
        for (int j = 0; j < p.length; j++) {
            p[j] = Math.exp(z.applyAsDouble(from + j) - max);
            sum += p[j];
        }
        for (int j = 0; j < p.length; j++) p[j] /= sum;
    }
}
