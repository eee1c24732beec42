package io.neurite.basics;

import io.neurite.util.SameDiffQuiet;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Backpropagation through time on the course's scalar RNN: s_t = tanh(w s_{t-1} + u x_t) for t = 1..T, loss
 * L = (s_T - y)^2. The weight w is shared by every step, so dL/dw is a sum of T paths: path k runs from L back
 * through s_T, s_{T-1}, ..., s_k and ends in w's direct effect on s_k:
 * <pre>
 *   path_k = dL/ds_T * prod_{j = k+1..T} ds_j/ds_{j-1} * (1 - s_k^2) s_{k-1},   ds_j/ds_{j-1} = (1 - s_j^2) w
 * </pre>
 * For T = 3: through S3; through S3 and S2; through S3, S2 and S1. Each factor (1 - s_j^2) w is below 1 in size
 * when |w| &lt; 1, so long paths fade: the vanishing gradient.
 */
public final class Bptt {
    private Bptt() { }

    /** The states s_0..s_T, the paths in the course's order (path_T first, through S_T only) and their sum dL/dw. */
    public record Paths(double[] states, double[] paths, double dLdw) { }

    /** dL/dw by hand, path by path, for inputs x_1..x_T, initial state s_0 and target y. */
    public static Paths byHand(double w, double u, double s0, double[] x, double y) {
        int steps = x.length;
        double[] s = new double[steps + 1];
        s[0] = s0;
        for (int t = 1; t <= steps; t++) s[t] = Math.tanh(w * s[t - 1] + u * x[t - 1]);
        double[] paths = new double[steps];
        double back = 2 * (s[steps] - y);                               // dL/ds_T, then times ds_j/ds_{j-1}
        double sum = 0;
        for (int k = steps; k >= 1; k--) {
            paths[steps - k] = back * (1 - s[k] * s[k]) * s[k - 1];
            sum += paths[steps - k];
            back *= (1 - s[k] * s[k]) * w;
        }
        return new Paths(s, paths, sum);
    }

    /** dL/dw for the same network and loss by SameDiff's reverse-mode automatic differentiation. */
    public static double autodiff(double w, double u, double s0, double[] x, double y) {
        SameDiff sd = SameDiff.create();
        SDVariable vw = sd.var("w", Nd4j.scalar(w));
        SDVariable vu = sd.constant(Nd4j.scalar(u));
        SDVariable s = sd.constant(Nd4j.scalar(s0));
        for (double xt : x) s = sd.math().tanh(vw.mul(s).add(vu.mul(xt)));
        SDVariable error = s.sub(y);
        error.mul(error).markAsLoss();
        return SameDiffQuiet.call(() -> sd.calculateGradients(java.util.Map.of(), "w")).get("w").getDouble(0);
    }
}
