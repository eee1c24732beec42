package io.neurite.basics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.basics.GradientsThroughTime.Cell;
import io.neurite.basics.GradientsThroughTime.Weights;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** dL/dh_t by autodiff against the course's recurrence (simple RNN) and central differences (LSTM). */
class GradientsThroughTimeTest {

    @Test
    void simpleRnnGradientsFollowTheBackwardRecurrence() {
        Weights w = Weights.draw(Cell.SIMPLE_RNN, 3, 4, 6, 11);
        var g = GradientsThroughTime.gradients(Cell.SIMPLE_RNN, w);
        double[][] wh = w.wh().toDoubleMatrix();
        double[] back = w.v().toDoubleVector();                          // dL/dh_T = v
        for (int t = 5; t >= 0; t--) {
            assertArrayEquals(back, g.gradients()[t], 1e-12, "step " + (t + 1));
            double[] next = new double[4];                               // (dL/dh_t * (1 - h_t^2)) W_h^T
            for (int j = 0; j < 4; j++) {
                for (int k = 0; k < 4; k++) next[j] += back[k] * (1 - g.states()[t][k] * g.states()[t][k]) * wh[j][k];
            }
            back = next;
        }
    }

    @Test
    void lstmGradientsEqualCentralDifferencesOfTheLoss() {
        Weights w = Weights.draw(Cell.LSTM, 3, 4, 5, 12);
        var g = GradientsThroughTime.gradients(Cell.LSTM, w);
        double eps = 1e-6;
        for (int t = 0; t < 5; t++) {
            for (int k = 0; k < 4; k++) {
                double numeric = (lstmLoss(w, t, k, eps) - lstmLoss(w, t, k, -eps)) / (2 * eps);
                assertEquals(numeric, g.gradients()[t][k], 1e-8, "dL/dh_" + (t + 1) + "[" + k + "]");
            }
        }
    }

    /** v . h_T of the LSTM written out in plain Java, with {@code delta} added to h_{t+1}[k]. */
    private static double lstmLoss(Weights w, int step, int unit, double delta) {
        double[][] wx = w.wx().toDoubleMatrix(), wh = w.wh().toDoubleMatrix();
        double[] b = w.b().toDoubleVector(), h = new double[4], c = new double[4];
        for (int t = 0; t < w.x().length; t++) {
            double[] x = w.x()[t].toDoubleVector(), z = b.clone();
            for (int j = 0; j < 16; j++) {
                for (int i = 0; i < x.length; i++) z[j] += x[i] * wx[i][j];
                for (int i = 0; i < 4; i++) z[j] += h[i] * wh[i][j];
            }
            double[] next = new double[4];
            for (int k = 0; k < 4; k++) {
                double in = sigmoid(z[k]), forget = sigmoid(z[4 + k]), out = sigmoid(z[8 + k]), cand = Math.tanh(z[12 + k]);
                c[k] = forget * c[k] + in * cand;
                next[k] = out * Math.tanh(c[k]) + (t == step && k == unit ? delta : 0);
            }
            h = next;
        }
        double loss = 0;
        double[] v = w.v().toDoubleVector();
        for (int k = 0; k < 4; k++) loss += v[k] * h[k];
        return loss;
    }

    private static double sigmoid(double z) { return 1 / (1 + Math.exp(-z)); }

    /**
     * 40 steps of 32 units. Seen, ||dL/dh_1|| / ||dL/dh_40|| for seeds 1, 2, 3: simple RNN 1.2e-8, 5.0e-7, 5.6e-9;
     * LSTM 1.0e-4, 4.9e-5, 8.9e-5 (it fades too, but 100 to 16,000 times less). About 30 s on a loaded machine.
     */
    @Test
    @Tag("slow")
    void theSimpleRnnsGradientFadesFasterThanTheLstms() {
        double[] rnn = GradientsThroughTime.norms(Cell.SIMPLE_RNN, 32, 40, 1);
        double[] lstm = GradientsThroughTime.norms(Cell.LSTM, 32, 40, 1);
        double rnnRatio = rnn[0] / rnn[39], lstmRatio = lstm[0] / lstm[39];
        System.out.printf("||dL/dh_1|| / ||dL/dh_40||: simple RNN %.3g, LSTM %.3g%n", rnnRatio, lstmRatio);
        assertTrue(rnnRatio < 1e-5, "simple RNN " + rnnRatio);
        assertTrue(lstmRatio > 100 * rnnRatio, "LSTM " + lstmRatio + " vs simple RNN " + rnnRatio);
    }
}
