package io.neurite.nativeops;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's dense layer (same configuration, parameters and results) with a leaner backward pass. DL4J's computes the
 * pre-activation z = xW + b a second time in backprop, and always the error for its input, delta W^T. This one keeps
 * z from the training forward pass (a copy, in the same workspace as the activations) and, when the layer reads a
 * network input, skips the input's error unless {@link InputErrors#compute} asked for it (PyTorch likewise skips
 * the gradient of inputs that need none). For the MLP 784-512-10 at batch 128 the two are about a third of the
 * training step (JFR profile in PERFORMANCE.md). z itself comes from {@link Affine}, one matrix product.
 */
public class LeanDense extends DenseLayer implements InputErrors.Skippable {
    @JsonProperty("readsNetworkInput") private boolean readsNetworkInput;

    /** For JSON deserialization. */
    protected LeanDense() { }

    /** The dense layer {@code stock} configures; {@code readsNetworkInput}: its input is one of the network's inputs. */
    public static LeanDense of(DenseLayer stock, boolean readsNetworkInput) {
        LeanDense d = new LeanDense();
        Dl4jConfigs.copyFields(DenseLayer.class, stock, d);
        d.readsNetworkInput = readsNetworkInput;
        return d;
    }

    /** Whether its input is a network input (read by no other layer): then its error is computed only on request. */
    public boolean readsNetworkInput() { return readsNetworkInput; }

    /** This layer, marked as reading a network input that no other layer reads. */
    @Override
    public LeanDense readingNetworkInput() { return of(this, true); }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        return Dl4jConfigs.wire(new Runtime(conf, dataType), conf, listeners, layerIndex, paramsView, initializeParams,
                initializer());
    }

    /** The runtime layer: DL4J's dense layer with z kept from the forward pass and the input error optional. */
    static final class Runtime extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer
            implements InputErrors.OnRequest {
        private INDArray preActivation;
        private INDArray preActivationInput;
        private boolean inputGradientWanted;
        private final ColumnSums biasSums = new ColumnSums();

        Runtime(NeuralNetConfiguration conf, DataType dataType) { super(conf, dataType); }

        @Override
        public void inputErrorWanted(boolean wanted) { inputGradientWanted = wanted; }

        private boolean keepsPreActivation() { return !hasLayerNorm() && layerConf().getWeightNoise() == null; }

        @Override
        protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
                                                                LayerWorkspaceMgr workspaceMgr) {
            if (hasLayerNorm()) return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
            assertInputSet(forBackprop);
            applyDropOutIfNecessary(training, workspaceMgr);
            INDArray z = Affine.of(input, getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, training, workspaceMgr),
                    hasBias() ? getParamWithNoise(DefaultParamInitializer.BIAS_KEY, training, workspaceMgr) : null,
                    workspaceMgr, layerId());
            if (maskArray != null) applyMask(z);
            return new Pair<>(z, z);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            preActivation = null;
            preActivationInput = null;
            if (!training || !keepsPreActivation()) return super.activate(training, workspaceMgr);
            INDArray z = preOutput(true, workspaceMgr);
            preActivation = workspaceMgr.dup(ArrayType.ACTIVATIONS, z);
            preActivationInput = input;                  // after preOutput: the input with dropout applied
            INDArray out = layerConf().getActivationFn().getActivation(z, true);
            if (maskArray != null) applyMask(out);
            return out;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            boolean kept = preActivation != null && preActivationInput == input;
            boolean inputError = inputGradientWanted || !((LeanDense) layerConf()).readsNetworkInput;
            if (!keepsPreActivation() || !kept && inputError) return super.backpropGradient(epsilon, workspaceMgr);
            assertInputSet(true);
            INDArray z = kept ? preActivation : preOutputWithPreNorm(true, true, workspaceMgr).getFirst();
            preActivation = null;
            preActivationInput = null;
            INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
            if (maskArray != null) applyMask(delta);
            Gradient g = new DefaultGradient();
            if (hasBias()) {
                INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
                biasSums.sum(delta, biasGrad);
                g.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
            }
            INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
            INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
            Nd4j.gemm(input.castTo(weightGrad.dataType()), delta, weightGrad, true, false, 1.0, 0.0);
            g.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
            weightNoiseParams.clear();
            if (!inputError) return new Pair<>(g, null);
            INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                    new long[] {w.size(0), delta.size(0)}, 'f');
            epsilonNext = w.mmuli(delta.transpose(), epsilonNext).transpose();
            return new Pair<>(g, backpropDropOutIfPresent(epsilonNext));
        }

        @Override
        public void clear() {
            super.clear();
            preActivation = null;
            preActivationInput = null;
        }
    }
}
