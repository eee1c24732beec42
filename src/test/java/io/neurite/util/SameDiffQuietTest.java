package io.neurite.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.basics.ComputationalGraphs;
import io.neurite.basics.TwoLayerBackprop;
import io.neurite.nativeops.NativeConv2D;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** SameDiff's "Added differentiated op" lines are gone from standard output, and nothing else is. */
class SameDiffQuietTest {
    private PrintStream saved;
    private ByteArrayOutputStream captured;

    @BeforeEach
    void capture() {
        saved = System.out;
        captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(saved);
    }

    private String out() {
        System.out.flush();
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static SameDiff squareOf(double x) {
        SameDiff sd = SameDiff.create();
        sd.var("x", Nd4j.scalar(x)).mul(sd.getVariable("x")).sum("y");
        sd.setLossVariables("y");
        return sd;
    }

    @Test
    void dl4jStillPrintsTheChatterUnfiltered() {
        // if this fails, DL4J stopped printing and SameDiffQuiet can go
        squareOf(3.0).calculateGradients(Map.of(), "x");
        assertTrue(out().contains(SameDiffQuiet.CHATTER), out());
    }

    @Test
    void dropsOnlyTheChatterAndKeepsTheResultAndOtherOutput() {
        double grad = SameDiffQuiet.call(() -> {
            System.out.println("before");
            double g = squareOf(3.0).calculateGradients(Map.of(), "x").get("x").getDouble(0);
            System.out.print("a line that mentions " + SameDiffQuiet.CHATTER + "x in the middle\n");
            System.out.print("no newline yet");
            System.out.flush();
            return g;
        });
        assertEquals(6.0, grad, 1e-6); // d(x^2)/dx at 3
        assertEquals("before\na line that mentions " + SameDiffQuiet.CHATTER + "x in the middle\nno newline yet", out());
    }

    @Test
    void restoresTheCallersStreamAfterNestedBlocksAndExceptions() {
        PrintStream mine = System.out;
        SameDiffQuiet.run(() -> SameDiffQuiet.run(() -> System.out.println("inner")));
        try {
            SameDiffQuiet.run(() -> { throw new IllegalStateException("boom"); });
        } catch (IllegalStateException expected) {
            assertEquals("boom", expected.getMessage());
        }
        assertSame(mine, System.out);
        assertEquals("inner\n", out());
    }

    @Test
    void autodiffAndBackpropLessonsPrintNothing() {
        ComputationalGraphs.productOfSums(2, 1);
        ComputationalGraphs.productPlusSine(1, 2);
        var net = TwoLayerBackprop.random(3, 4, 2, 5);
        net.autodiffGradients(Nd4j.rand(DataType.DOUBLE, 6, 3), Nd4j.rand(DataType.DOUBLE, 6, 2).gt(0.5)
                .castTo(DataType.DOUBLE));
        assertFalse(out().contains(SameDiffQuiet.CHATTER), out());
    }

    @Test
    void trainingANativeConvolutionPrintsNothing() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("in")
                .addLayer("conv", NativeConv2D.builder().nOut(2).kernel(3, 3).activation(Activation.RELU).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "conv")
                .setOutputs("out").setInputTypes(InputType.convolutional(5, 5, 1)).build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        DataSet batch = new DataSet(Nd4j.rand(DataType.FLOAT, 4, 1, 5, 5), Nd4j.eye(2).repeat(0, 2).castTo(DataType.FLOAT));
        g.fit(batch);
        g.fit(batch);
        assertFalse(out().contains(SameDiffQuiet.CHATTER), out());
    }
}
