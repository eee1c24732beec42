package io.neurite.nativeops;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
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
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * DL4J's dense output layer (same configuration, parameters, loss and results) that computes its pre-activation
 * z = xW + b once per training step: DL4J's computes it in backprop and again for the score, which a training step
 * always computes (DL4J's fit, and the loss {@code Model.fit} logs). z comes from {@link Affine}; the backward pass
 * computes the score from its z with DL4J's formula, and the score DL4J asks for next is that one. A softmax with
 * cross-entropy gets its error and loss from {@link SoftmaxCrossEntropy} (one pass in Java), its bias gradient from
 * {@link ColumnSums} and the error passed back from one product into a row-major array (DL4J's multiplies into a
 * column-major one and transposes).
 */
public class LeanOutput extends OutputLayer {
    /** For JSON deserialization. */
    protected LeanOutput() { }

    /** The output layer {@code stock} configures. */
    public static LeanOutput of(OutputLayer stock) {
        LeanOutput o = new LeanOutput();
        Dl4jConfigs.copyFields(OutputLayer.class, stock, o);
        return o;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        return Dl4jConfigs.wire(new Runtime(conf, dataType), conf, listeners, layerIndex, paramsView, initializeParams,
                initializer());
    }

    /** The runtime layer: DL4J's output layer with z from one matrix product, the score from backprop's z. */
    static final class Runtime extends org.deeplearning4j.nn.layers.OutputLayer {
        private boolean inBackprop;
        private double keptScore = Double.NaN;
        private INDArray keptInput;
        private INDArray keptLabels;
        private INDArray keptMask;
        private final ColumnSums biasSums = new ColumnSums();

        Runtime(NeuralNetConfiguration conf, DataType dataType) { super(conf, dataType); }

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

        /** In backprop, also the loss of z as DL4J's {@code computeScore} computes it, kept for the score. */
        @Override
        protected INDArray preOutput2d(boolean training, LayerWorkspaceMgr workspaceMgr) {
            INDArray z = super.preOutput2d(training, workspaceMgr);
            if (inBackprop && training) {
                keptScore = layerConf().getLossFn().computeScore(getLabels2d(workspaceMgr, ArrayType.BP_WORKING_MEM),
                        z, layerConf().getActivationFn(), maskArray, false);
                keptInput = input;
                keptLabels = labels;
                keptMask = maskArray;
            }
            return z;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            forget();
            assertInputSet(true);
            INDArray z = hasLayerNorm() ? null : preOutput2d(true, workspaceMgr);
            INDArray y = z == null ? null : getLabels2d(workspaceMgr, ArrayType.BP_WORKING_MEM);
            if (z == null || y == null
                    || !SoftmaxCrossEntropy.handles(layerConf().getLossFn(), layerConf().getActivationFn(), z, y, maskArray)) {
                inBackprop = true;
                try {
                    return super.backpropGradient(epsilon, workspaceMgr);
                } finally {
                    inBackprop = false;
                }
            }
            INDArray delta = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, z.dataType(), z.shape(), 'c');
            keptScore = SoftmaxCrossEntropy.errorAndLoss(z, y, ((LossMCXENT) layerConf().getLossFn()).getSoftmaxClipEps(),
                    delta);
            keptInput = input;
            keptLabels = labels;
            keptMask = maskArray;
            Gradient g = new DefaultGradient();
            INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
            Nd4j.gemm(input.castTo(weightGrad.dataType()), delta, weightGrad, true, false, 1.0, 0.0);
            g.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
            if (hasBias()) {
                INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
                biasSums.sum(delta, biasGrad);
                g.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
            }
            INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
            INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                    new long[] {delta.size(0), w.size(0)}, 'c');
            Nd4j.gemm(delta, w, epsilonNext, false, true, 1.0, 0.0);
            return new Pair<>(g, backpropDropOutIfPresent(epsilonNext));
        }

        /** DL4J's score (loss per example plus the network's penalty), from backprop's z when it had these arrays. */
        @Override
        public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
            boolean kept = training && !Double.isNaN(keptScore) && keptInput == input && keptLabels == labels
                    && keptMask == maskArray;
            if (!kept) {
                forget();
                return super.computeScore(fullNetRegTerm, training, workspaceMgr);
            }
            double s = keptScore;
            forget();
            if (conf().isMiniBatch()) s /= getInputMiniBatchSize();
            score = s + fullNetRegTerm;
            return score;
        }

        @Override
        public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
            forget();
            super.setInput(input, workspaceMgr);
        }

        @Override
        public void clear() {
            super.clear();
            forget();
        }

        private void forget() {
            keptScore = Double.NaN;
            keptInput = null;
            keptLabels = null;
            keptMask = null;
        }
    }
}
