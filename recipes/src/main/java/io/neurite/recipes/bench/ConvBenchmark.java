package io.neurite.recipes.bench;

import io.neurite.nativeops.NativeBackend;
import io.neurite.nativeops.NativeConv2D;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Training throughput of DL4J's stock ConvolutionLayer against {@link NativeConv2D}, same networks otherwise, in one
 * run: LeNet-5 (28x28x1) and a small ResNet (3 residual blocks of two 3x3 convolutions, 16 channels, 28x28x1), batch
 * 64, Adam, random data. After warm-up, stock and native are timed in alternating rounds of at least a given
 * wall time (and 3 steps) each; the median round is reported.
 * Run: {@code OMP_NUM_THREADS=1 mvn -q compile exec:java -Dexec.mainClass=io.neurite.recipes.bench.ConvBenchmark}
 * (optional args: seconds per round, default 3; rounds, default 3).
 */
public final class ConvBenchmark {
    private static final int BATCH = 64;
    private static final int CLASSES = 10;

    /** Builds the convolutions of a network: DL4J's stock layer or NativeConv2D. */
    enum Conv {
        STOCK {
            @Override
            Layer of(int nOut, int k, boolean same, Activation a) {
                return new ConvolutionLayer.Builder().kernelSize(k, k).nOut(nOut).activation(a)
                        .convolutionMode(same ? ConvolutionMode.Same : ConvolutionMode.Truncate).build();
            }
        },
        NATIVE {
            @Override
            Layer of(int nOut, int k, boolean same, Activation a) {
                NativeConv2D.Builder b = NativeConv2D.builder().kernel(k, k).nOut(nOut).activation(a);
                return (same ? b.same() : b.valid()).build();
            }
        };

        abstract Layer of(int nOut, int k, boolean same, Activation a);
    }

    private ConvBenchmark() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.out.println(NativeBackend.describe());
        System.out.println("libnd4j build: " + NativeBackend.buildInfo().replace('\n', ' '));
        System.out.println("batch " + BATCH + ", rounds of >= " + seconds + " s, " + rounds + " rounds, median shown");
        DataSet data = randomBatch();
        report("LeNet-5", ConvBenchmark::lenet, data, seconds, rounds);
        report("ResNet-3x2", ConvBenchmark::resnet, data, seconds, rounds);
    }

    private static void report(String name, java.util.function.Function<Conv, ComputationGraph> build, DataSet data,
            double seconds, int rounds) {
        ComputationGraph stock = build.apply(Conv.STOCK);
        ComputationGraph nat = build.apply(Conv.NATIVE);
        if (stock.numParams() != nat.numParams()) {
            throw new IllegalStateException(name + ": parameter counts differ " + stock.numParams() + " vs " + nat.numParams());
        }
        time(stock, data, 0);
        time(nat, data, 0);
        double[] s = new double[rounds];
        double[] n = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            s[r] = time(stock, data, seconds);
            n[r] = time(nat, data, seconds);
        }
        double ms = median(s);
        double mn = median(n);
        System.out.printf("%-11s %,d params | stock %7.1f ms/step %7.0f samples/s | NativeConv2D %7.1f ms/step"
                        + " %7.0f samples/s | speed-up x%.2f (rounds: stock %s, native %s)%n",
                name, stock.numParams(), ms, BATCH * 1000 / ms, mn, BATCH * 1000 / mn, ms / mn,
                Arrays.toString(round(s)), Arrays.toString(round(n)));
    }

    /** Mean milliseconds per training step over at least 3 steps and {@code seconds} seconds. */
    private static double time(ComputationGraph g, DataSet data, double seconds) {
        long t0 = System.nanoTime();
        int steps = 0;
        while (steps < 3 || System.nanoTime() - t0 < seconds * 1e9) {
            g.fit(data);
            steps++;
        }
        return (System.nanoTime() - t0) / 1e6 / steps;
    }

    static ComputationGraph lenet(Conv conv) {
        ComputationGraphConfiguration conf = base().graphBuilder().addInputs("in")
                .addLayer("c1", conv.of(6, 5, true, Activation.RELU), "in")
                .addLayer("p1", maxPool(), "c1")
                .addLayer("c2", conv.of(16, 5, false, Activation.RELU), "p1")
                .addLayer("p2", maxPool(), "c2")
                .addLayer("f1", new DenseLayer.Builder().nOut(120).activation(Activation.RELU).build(), "p2")
                .addLayer("f2", new DenseLayer.Builder().nOut(84).activation(Activation.RELU).build(), "f1")
                .addLayer("out", output(), "f2")
                .setOutputs("out").setInputTypes(InputType.convolutional(28, 28, 1)).build();
        return init(conf);
    }

    static ComputationGraph resnet(Conv conv) {
        ComputationGraphConfiguration.GraphBuilder b = base().graphBuilder().addInputs("in")
                .addLayer("stem", conv.of(16, 3, true, Activation.RELU), "in");
        String previous = "stem";
        for (int i = 1; i <= 3; i++) {
            String p = "b" + i;
            b.addLayer(p + "a", conv.of(16, 3, true, Activation.RELU), previous)
                    .addLayer(p + "b", conv.of(16, 3, true, Activation.IDENTITY), p + "a")
                    .addVertex(p + "add", new ElementWiseVertex(ElementWiseVertex.Op.Add), p + "b", previous)
                    .addLayer(p + "relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), p + "add");
            previous = p + "relu";
        }
        ComputationGraphConfiguration conf = b
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), previous)
                .addLayer("out", output(), "gap")
                .setOutputs("out").setInputTypes(InputType.convolutional(28, 28, 1)).build();
        return init(conf);
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU).updater(new Adam(1e-3));
    }

    private static Layer maxPool() {
        return new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }

    private static Layer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                .activation(Activation.SOFTMAX).build();
    }

    private static ComputationGraph init(ComputationGraphConfiguration conf) {
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    private static DataSet randomBatch() {
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, 1, 28, 28);
        INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, CLASSES);
        for (int i = 0; i < BATCH; i++) y.putScalar(i, i % CLASSES, 1.0);
        return new DataSet(x, y);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double[] round(double[] v) {
        return Arrays.stream(v).map(x -> Math.round(x * 10) / 10.0).toArray();
    }
}
