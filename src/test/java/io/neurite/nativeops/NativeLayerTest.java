package io.neurite.nativeops;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.neurite.testing.GradientChecks;
import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every layer written with SameDiff inherits the gradient correction: the same x W + b layer passes the numerical
 * gradient check as a {@link NativeLayer} and fails it as DL4J M2.1's plain SameDiffLayer (doubled gradients).
 */
class NativeLayerTest {
    private static final int IN = 4;
    private static final int OUT = 5;

    /** y = tanh(x W + b), W [4, 5], b [5]: written once for both bases. */
    private static SDVariable define(SameDiff sd, SDVariable x, Map<String, SDVariable> p) {
        return sd.math().tanh(x.mmul(p.get("W")).add(p.get("b")));
    }

    private static void params(SDLayerParams params) {
        params.clear();
        params.addWeightParam("W", IN, OUT);
        params.addBiasParam("b", OUT);
    }

    private static void init(Map<String, INDArray> params) {
        WeightInit.XAVIER.getWeightInitFunction().init(IN, OUT, params.get("W").shape(), 'c', params.get("W"));
        params.get("b").assign(0.1);
    }

    static final class Corrected extends NativeLayer {
        @Override public void defineParameters(SDLayerParams p) { params(p); }
        @Override public void initializeParameters(Map<String, INDArray> p) { init(p); }
        @Override public SDVariable defineLayer(SameDiff sd, SDVariable x, Map<String, SDVariable> p, SDVariable mask) { return define(sd, x, p); }
        @Override public InputType getOutputType(int i, InputType in) { return InputType.feedForward(OUT); }
        @Override public void setNIn(InputType in, boolean override) { }
        @Override public InputPreProcessor getPreProcessorForInputType(InputType in) { return null; }
    }

    static final class Plain extends SameDiffLayer {
        @Override public void defineParameters(SDLayerParams p) { params(p); }
        @Override public void initializeParameters(Map<String, INDArray> p) { init(p); }
        @Override public SDVariable defineLayer(SameDiff sd, SDVariable x, Map<String, SDVariable> p, SDVariable mask) { return define(sd, x, p); }
        @Override public InputType getOutputType(int i, InputType in) { return InputType.feedForward(OUT); }
        @Override public void setNIn(InputType in, boolean override) { }
        @Override public InputPreProcessor getPreProcessorForInputType(InputType in) { return null; }
    }

    @Test
    void aSameDiffLayerOnTheNeuriteBasePassesTheGradientCheck() {
        GradientChecks.assertGradientsCorrect(new Corrected(), InputType.feedForward(IN));
    }

    @Test
    void theSameLayerOnDl4jsPlainBaseFailsIt() {
        assertFalse(GradientChecks.gradientsCorrect(new Plain(), InputType.feedForward(IN)),
                "DL4J M2.1 no longer doubles SameDiff gradients: remove the correction in HalvedExternalErrorsLayer");
    }
}
