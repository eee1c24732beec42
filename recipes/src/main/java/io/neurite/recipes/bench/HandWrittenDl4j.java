package io.neurite.recipes.bench;

import io.neurite.nativeops.BuiltinPooling;
import io.neurite.core.ReLU;
import io.neurite.nativeops.LeanDense;
import io.neurite.nativeops.LeanOutput;
import io.neurite.nativeops.NativeConv2D;
import io.neurite.train.LeanAdam;
import io.neurite.train.LeanGraphUpdater;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The benchmark's MLP and LeNet-5 written directly in DL4J's configuration API, with the same layer implementations
 * (the native engine's: {@link NativeConv2D}, {@link BuiltinPooling}, {@link LeanDense}, {@link LeanOutput}, ReLU as
 * {@link ReLU}) and optimizer ({@link LeanAdam}, {@link LeanGraphUpdater}) as the DSL compiles, first layers marked as reading the network
 * input as the compiler marks them: the baseline for the DSL's own overhead.
 */
final class HandWrittenDl4j {
    private HandWrittenDl4j() { }

    /** Dense 784-512 ReLU, softmax output of 10 with cross-entropy, Adam(1e-3). */
    static ComputationGraph mlp() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(LeanAdam.leanIfAdam(new Adam(1e-3)))
                .graphBuilder().addInputs("in").setInputTypes(InputType.feedForward(784))
                .addLayer("fc", LeanDense.of(new DenseLayer.Builder().nOut(512).activation(new ReLU())
                        .weightInit(WeightInit.RELU).build(), true), "in")
                .addLayer("out", output(), "fc")
                .setOutputs("out").build();
        return init(conf);
    }

    /** LeNet-5 on 28x28x1 as {@code LeNet.lenet5Mnist} defines it, convolutions on libnd4j's conv2d op. */
    static ComputationGraph lenet5() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(LeanAdam.leanIfAdam(new Adam(1e-3)))
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(28, 28, 1))
                .addLayer("c1", conv(6).padding(2, 2).build().readingNetworkInput(), "in")
                .addLayer("p1", pool(), "c1")
                .addLayer("c2", conv(16).build(), "p1")
                .addLayer("p2", pool(), "c2")
                .addLayer("f1", dense(120), "p2")
                .addLayer("f2", dense(84), "f1")
                .addLayer("out", output(), "f2")
                .setOutputs("out").build();
        return init(conf);
    }

    private static NativeConv2D.Builder conv(int filters) {
        return NativeConv2D.builder().nOut(filters).kernel(5, 5).activation(new ReLU())
                .weightInit(WeightInit.RELU.getWeightInitFunction());
    }

    private static LeanOutput output() {
        return LeanOutput.of(new OutputLayer.Builder(new LossMCXENT()).nOut(10).activation(Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER).build());
    }

    private static SubsamplingLayer pool() {
        return BuiltinPooling.of(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build());
    }

    private static LeanDense dense(int units) {
        return LeanDense.of(new DenseLayer.Builder().nOut(units).activation(new ReLU())
                .weightInit(WeightInit.RELU).build(), false);
    }

    private static ComputationGraph init(ComputationGraphConfiguration conf) {
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        LeanGraphUpdater.install(net);
        return net;
    }
}
