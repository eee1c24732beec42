package io.neurite.basics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class TwoLayerBackpropTest {
    static final INDArray XOR_X = Nd4j.createFromArray(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    static final INDArray XOR_Y = Nd4j.createFromArray(new double[][] {{0}, {1}, {1}, {0}});

    /** A batch of 5 examples, 3 features, 2 sigmoid outputs, with a seeded 4-unit hidden layer. */
    static final INDArray X = Nd4j.createFromArray(new double[][] {
        {0.5, -1.2, 0.3}, {1.5, 0.2, -0.7}, {-0.3, 0.8, 0.9}, {0.0, -0.4, 1.1}, {2.0, 1.0, -1.0}});
    static final INDArray Y = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {1, 1}, {0, 0}, {1, 0}});

    static TwoLayerBackprop net() {
        var n = TwoLayerBackprop.random(3, 4, 2, 42);
        // non-zero biases so that their gradients are exercised away from the symmetric start
        return new TwoLayerBackprop(n.w1(), Nd4j.createFromArray(new double[][] {{0.1, -0.2, 0.3, 0.05}}),
                n.w2(), Nd4j.createFromArray(new double[][] {{-0.1, 0.2}}));
    }

    /** One example, worked by hand: x = (1, 2), W1 = [[0.1, 0.2], [0.3, 0.4]], b1 = 0, W2 = [[0.5], [0.6]], b2 = 0, y = 1. */
    @Test
    void handWorkedExample() {
        var n = new TwoLayerBackprop(Nd4j.createFromArray(new double[][] {{0.1, 0.2}, {0.3, 0.4}}),
                Nd4j.zeros(DataType.DOUBLE, 1, 2), Nd4j.createFromArray(new double[][] {{0.5}, {0.6}}),
                Nd4j.zeros(DataType.DOUBLE, 1, 1));
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 2}});
        INDArray y = Nd4j.createFromArray(new double[][] {{1}});
        // z1 = (0.7, 1.0); a1 = (sigmoid(0.7), sigmoid(1.0)) = (0.668188, 0.731059)
        double a11 = 1 / (1 + Math.exp(-0.7)), a12 = 1 / (1 + Math.exp(-1.0));
        // z2 = 0.5 a11 + 0.6 a12; y_hat = sigmoid(z2); L = -log(y_hat)
        double yHat = 1 / (1 + Math.exp(-(0.5 * a11 + 0.6 * a12)));
        var f = n.forward(x, y);
        assertEquals(-Math.log(yHat), f.loss(), 1e-12);
        var g = n.handGradients(x, y);
        double dz2 = yHat - 1; // dL/db2 = y_hat - y
        assertEquals(dz2, g.db2().getDouble(0), 1e-12);
        assertArrayEquals(new double[] {a11 * dz2, a12 * dz2}, g.dW2().toDoubleVector(), 1e-12);
        double dz11 = dz2 * 0.5 * a11 * (1 - a11), dz12 = dz2 * 0.6 * a12 * (1 - a12);
        assertArrayEquals(new double[] {dz11, dz12}, g.db1().toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {dz11, dz12, 2 * dz11, 2 * dz12}, g.dW1().ravel().toDoubleVector(), 1e-12);
    }

    @Test
    void handGradientsEqualSameDiffAutodiff() {
        var n = net();
        double diff = n.handGradients(X, Y).maxAbsDifference(n.autodiffGradients(X, Y));
        System.out.println("max |hand - SameDiff| = " + diff);
        assertTrue(diff < 1e-10, "max |hand - autodiff| = " + diff);
    }

    /**
     * DL4J's own backprop for dense(sigmoid) -> output(sigmoid, XENT). DL4J's score averages the loss over the
     * minibatch, but the gradient it computes is the sum over examples: its updater divides by the minibatch size
     * later. So DL4J's raw gradient is m times the gradient of the averaged loss.
     */
    @Test
    void handGradientsEqualDl4jMultiLayerNetwork() {
        var n = net();
        var conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.SIGMOID).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(4).nOut(2)
                        .activation(Activation.SIGMOID).build())
                .build();
        var dl4j = new MultiLayerNetwork(conf);
        dl4j.init();
        dl4j.setParam("0_W", n.w1());
        dl4j.setParam("0_b", n.b1());
        dl4j.setParam("1_W", n.w2());
        dl4j.setParam("1_b", n.b2());
        dl4j.setInput(X);
        dl4j.setLabels(Y);
        dl4j.computeGradientAndScore();
        var grad = dl4j.gradient();
        double m = X.size(0);
        var framework = new TwoLayerBackprop.Gradients(grad.getGradientFor("0_W").div(m),
                grad.getGradientFor("0_b").reshape(1, 4).div(m), grad.getGradientFor("1_W").div(m),
                grad.getGradientFor("1_b").reshape(1, 2).div(m));
        double diff = n.handGradients(X, Y).maxAbsDifference(framework);
        System.out.println("max |hand - DL4J| = " + diff);
        assertTrue(diff < 1e-6, "max |hand - DL4J| = " + diff);
        assertEquals(n.forward(X, Y).loss(), dl4j.score(), 1e-6);
    }

    /** Central differences (L(theta + h) - L(theta - h)) / 2h on every parameter. */
    @Test
    void handGradientsEqualNumericalGradients() {
        var n = net();
        var g = n.handGradients(X, Y);
        INDArray[] params = {n.w1(), n.b1(), n.w2(), n.b2()};
        INDArray[] analytic = {g.dW1(), g.db1(), g.dW2(), g.db2()};
        double h = 1e-6;
        for (int p = 0; p < 4; p++) {
            for (int i = 0; i < params[p].length(); i++) {
                double numeric = (lossWith(params, p, i, h) - lossWith(params, p, i, -h)) / (2 * h);
                assertEquals(numeric, analytic[p].getDouble(i), 1e-8, "parameter " + p + " entry " + i);
            }
        }
    }

    private static double lossWith(INDArray[] params, int p, int i, double delta) {
        INDArray[] shifted = new INDArray[4];
        for (int k = 0; k < 4; k++) shifted[k] = params[k].dup();
        shifted[p].putScalar(i, shifted[p].getDouble(i) + delta);
        return new TwoLayerBackprop(shifted[0], shifted[1], shifted[2], shifted[3]).forward(X, Y).loss();
    }

    @Test
    void gradientDescentOnHandGradientsLearnsXor() {
        var n = TwoLayerBackprop.random(2, 4, 1, 1);
        double first = n.gradientDescentStep(XOR_X, XOR_Y, 5.0), last = first;
        for (int step = 1; step < 400; step++) last = n.gradientDescentStep(XOR_X, XOR_Y, 5.0);
        assertTrue(first > 0.6 && last < 0.05, "loss " + first + " -> " + last);
        INDArray out = n.predict(XOR_X);
        assertArrayEquals(new double[] {0, 1, 1, 0}, out.gt(0.5).castTo(DataType.DOUBLE).toDoubleVector(), "outputs " + out);
    }

    @Test
    void wrongShapesAreNamed() {
        var n = net();
        var e = assertThrows(IllegalArgumentException.class, () -> n.forward(XOR_X, XOR_Y));
        assertTrue(e.getMessage().contains("x must be [batch, 3]"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> n.handGradients(X, XOR_Y));
        assertTrue(e2.getMessage().contains("y must be [5, 2]"), e2.getMessage());
    }
}
