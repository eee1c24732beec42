package io.neurite.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.neurite.core.Activation;

import io.neurite.core.BinaryStep;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.function.DoubleUnaryOperator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ActivationTest {
    static final double[] XS = {-3, -1.5, -0.25, 0.25, 1.5, 3};
    static final double TOL = 1e-12;

    static INDArray row(double... v) { return Nd4j.createFromArray(v).reshape(1, v.length); }

    /** Asserts g and g' at every point of XS against the formulas, in double precision. */
    static void assertFormula(Activation a, DoubleUnaryOperator g, DoubleUnaryOperator dg) {
        assertFormula(a, g, dg, TOL);
    }

    static void assertFormula(Activation a, DoubleUnaryOperator g, DoubleUnaryOperator dg, double tol) {
        INDArray x = row(XS);
        INDArray value = a.apply(x);
        INDArray slope = a.derivative(x);
        for (int i = 0; i < XS.length; i++) {
            assertEquals(g.applyAsDouble(XS[i]), value.getDouble(i), tol, a + " g(" + XS[i] + ")");
            assertEquals(dg.applyAsDouble(XS[i]), slope.getDouble(i), tol, a + " g'(" + XS[i] + ")");
        }
        assertArrayEquals(XS, x.toDoubleVector(), "apply/derivative must not modify their input");
    }

    static double sigma(double x) { return 1 / (1 + Math.exp(-x)); }

    @Test
    void linear() {
        assertFormula(Activation.linear(), x -> x, x -> 1);
        assertTrue(Activation.linear().isLinear());
        assertTrue(!Activation.relu().isLinear());
    }

    @Test
    void sigmoidAndItsDerivativeAtMostAQuarter() {
        assertFormula(Activation.sigmoid(), ActivationTest::sigma, x -> sigma(x) * (1 - sigma(x)));
        INDArray x = Nd4j.linspace(-6, 6, 241, DataType.DOUBLE).reshape(1, 241); // includes 0
        INDArray d = Activation.sigmoid().derivative(x);
        assertEquals(0.25, d.maxNumber().doubleValue(), TOL);
        assertEquals(0.25, d.getDouble(120), TOL);
        assertEquals(0.5, Activation.sigmoid().apply(row(0)).getDouble(0), TOL);
    }

    @Test
    void tanh() {
        assertFormula(Activation.tanh(), Math::tanh, x -> 1 - Math.tanh(x) * Math.tanh(x));
        assertEquals(1.0, Activation.tanh().derivative(row(0)).getDouble(0), TOL);
    }

    @Test
    void relu() {
        assertFormula(Activation.relu(), x -> Math.max(0, x), x -> x > 0 ? 1 : 0);
    }

    @Test
    void leakyReluWithConfigurableSlope() {
        // DL4J's leaky ReLU op holds its slope as a float, hence 1e-7 rather than 1e-12
        assertFormula(Activation.leakyRelu(0.3), x -> x > 0 ? x : 0.3 * x, x -> x > 0 ? 1 : 0.3, 1e-7);
        assertFormula(Activation.leakyRelu(), x -> x > 0 ? x : 0.01 * x, x -> x > 0 ? 1 : 0.01, 1e-7);
        assertEquals("leaky_relu(0.3)", Activation.leakyRelu(0.3).name());
    }

    @Test
    void softmaxPerRow() {
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {-1, 0, 1}, {1000, 1000, 1000}});
        INDArray p = Activation.softmax().apply(x);
        double sum = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertArrayEquals(new double[] {Math.exp(1) / sum, Math.exp(2) / sum, Math.exp(3) / sum},
                p.getRow(0).toDoubleVector(), TOL);
        // shifting a row by a constant leaves its softmax unchanged; large inputs do not overflow
        assertArrayEquals(p.getRow(0).toDoubleVector(), p.getRow(1).toDoubleVector(), TOL);
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, p.getRow(2).toDoubleVector(), TOL);
        // derivative: the Jacobian's diagonal, p_i (1 - p_i)
        INDArray d = Activation.softmax().derivative(x);
        for (int i = 0; i < 3; i++) {
            double pi = p.getDouble(0, i);
            assertEquals(pi * (1 - pi), d.getDouble(0, i), TOL);
        }
    }

    @Test
    void binaryStep() {
        assertFormula(Activation.binaryStep(), x -> x >= 0 ? 1 : 0, x -> 0);
        assertEquals(1.0, Activation.binaryStep().apply(row(0)).getDouble(0), "step(0) = 1");
        var wrapped = Activation.of("binary_step", new BinaryStep());
        assertEquals(Activation.binaryStep(), wrapped);
        assertInstanceOf(BinaryStep.class, wrapped.toDl4j());
    }

    /** PReLU's slope is learned, so in DL4J it is a layer: max(0, x) + alpha * min(0, x), alpha per input. */
    @Test
    void preluIsDl4jsPReLULayer() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(new PReLULayer.Builder().inputShape(4).build())
                .setInputType(InputType.feedForward(4)).build();
        var net = new MultiLayerNetwork(conf);
        net.init();
        double[] alpha = {0.25, 0.5, 0.1, 2.0};
        net.getLayer(0).setParam("W", Nd4j.createFromArray(alpha).reshape(net.getLayer(0).getParam("W").shape()));
        double[] xs = {-2, -1, 0.5, 3};
        INDArray out = net.output(row(xs));
        for (int i = 0; i < xs.length; i++) {
            assertEquals(Math.max(0, xs[i]) + alpha[i] * Math.min(0, xs[i]), out.getDouble(0, i), TOL, "input " + i);
        }
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        for (Activation a : new Activation[] {Activation.leakyRelu(0.2), Activation.binaryStep(), Activation.tanh()}) {
            var bytes = new ByteArrayOutputStream();
            try (var out = new ObjectOutputStream(bytes)) {
                out.writeObject(a);
            }
            Activation back;
            try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                back = (Activation) in.readObject();
            }
            assertEquals(a, back);
            assertArrayEquals(a.apply(row(XS)).toDoubleVector(), back.apply(row(XS)).toDoubleVector(), TOL);
        }
    }

    @Test
    void binaryStepSurvivesDl4jJsonConfiguration() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(1).activation(new BinaryStep()).build()).build();
        var back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertInstanceOf(BinaryStep.class, ((DenseLayer) back.getConf(0).getLayer()).getActivationFn());
    }
}
