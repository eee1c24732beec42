package io.neurite.recipes.bench;

import io.neurite.core.Shape;
import io.neurite.model.Model;
import io.neurite.nativeops.NativeBackend;
import io.neurite.spec.Convolutions;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import io.neurite.zoo.LeNet;
import io.neurite.zoo.ResNet;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training throughput of the two {@link Convolutions} engines on models built through the DSL, in one run:
 * LeNet-5 ({@code LeNet.lenet5Mnist}, 28x28x1) and the reduced ResNet ({@code ResNet.reduced}, 28x28x1), 10 classes,
 * cross-entropy; a DCGAN generator ({@link #dcganGenerator}) and its two transposed convolutions alone
 * ({@link #deconvolutions}) and the convolutions they mirror ({@link #adjointConvolutions}, the same arithmetic), mean
 * squared error to random images; batch 64, Adam(1e-3), random data. Each model is
 * compiled once per engine; after one warm-up round each, the engines are timed in alternating rounds of at least a
 * given wall time (and 3 training steps); the median round is reported as samples per second, with the ratio
 * native/stock.
 * Run: {@code OMP_NUM_THREADS=1 mvn -q compile exec:java -Dexec.mainClass=io.neurite.recipes.bench.ConvBenchmark}
 * (optional args: seconds per round, default 3; rounds, default 3; models, default
 * {@code lenet5,resnet,dcgan-g,deconvs,adjoint-convs}).
 */
public final class ConvBenchmark {
    private static final int BATCH = 64;
    private static final int CLASSES = 10;
    private static final Shape MNIST = Shape.image(28, 28, 1);
    private static final int NOISE = 100;

    private ConvBenchmark() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.out.println(NativeBackend.describe());
        System.out.println("batch " + BATCH + ", Adam, rounds of >= " + seconds + " s, " + rounds
                + " alternating rounds per engine, median shown");
        List<String> which = List.of((args.length > 2 ? args[2] : "lenet5,resnet,dcgan-g,deconvs,adjoint-convs").split(","));
        DataSet data = randomBatch();
        if (which.contains("lenet5")) {
            report("LeNet-5", () -> LeNet.lenet5Mnist(MNIST, CLASSES), Loss.crossEntropy(), data, seconds, rounds);
        }
        if (which.contains("resnet")) {
            report("ResNet-red", () -> ResNet.reduced(MNIST, CLASSES), Loss.crossEntropy(), data, seconds, rounds);
        }
        if (which.contains("dcgan-g")) {
            report("DCGAN-G", ConvBenchmark::dcganGenerator, Loss.mse(), generatorBatch(NOISE), seconds, rounds);
        }
        if (which.contains("deconvs")) {
            report("deconvs", ConvBenchmark::deconvolutions, Loss.mse(), deconvBatch(), seconds, rounds);
        }
        if (which.contains("adjoint-convs")) {
            report("adjoint", ConvBenchmark::adjointConvolutions, Loss.mse(), adjointBatch(), seconds, rounds);
        }
    }

    /**
     * The generator of the DCGAN tutorials (Radford et al. 2016; PyTorch's and d2l's, sized for 28x28x1): noise (100)
     * -> dense 7x7x128, batch norm, ReLU -> transposed convolution 64@4x4 stride 2, batch norm, ReLU (14x14) ->
     * transposed convolution 1@4x4 stride 2, tanh (28x28).
     */
    public static Model dcganGenerator() {
        return Model.sequential("dcgan-G").seed(1).input(Shape.vector(NOISE)).dense(7 * 7 * 128).batchNorm().relu()
                .reshape(7, 7, 128).deconv(64, 4).stride(2).same().batchNorm().relu()
                .deconv(1, 4).stride(2).same().tanh().build();
    }

    /** The generator's two transposed convolutions alone: 7x7x128 -> 64@4x4 stride 2, ReLU -> 1@4x4 stride 2, tanh. */
    public static Model deconvolutions() {
        return Model.sequential("deconvs").seed(1).input(Shape.image(7, 7, 128)).deconv(64, 4).stride(2).same().relu()
                .deconv(1, 4).stride(2).same().tanh().build();
    }

    /**
     * The convolutions whose gradients {@link #deconvolutions} computes in its forward pass (the same arithmetic,
     * mirrored): 28x28x1 -> 64@4x4 stride 2, ReLU -> 128@4x4 stride 2, tanh (7x7).
     */
    public static Model adjointConvolutions() {
        return Model.sequential("adjoint").seed(1).input(MNIST).conv(64, 4).stride(2).same().relu()
                .conv(128, 4).stride(2).same().tanh().build();
    }

    private static void report(String name, Supplier<Model> zoo, Loss loss, DataSet data, double seconds, int rounds) {
        Map<Convolutions, Model> models = new EnumMap<>(Convolutions.class);
        for (Convolutions engine : Convolutions.values()) {
            models.put(engine, zoo.get().withConvolutions(engine).compile(loss, Optimizer.adam(1e-3)));
        }
        long params = models.get(Convolutions.DL4J).network().numParams();
        if (models.get(Convolutions.NATIVE).network().numParams() != params) {
            throw new IllegalStateException(name + ": the engines' parameter counts differ");
        }
        Map<Convolutions, double[]> ms = new EnumMap<>(Convolutions.class);
        for (Convolutions engine : Convolutions.values()) {
            time(models.get(engine), data, seconds);   // warm-up: JIT, workspaces, oneDNN primitives
            ms.put(engine, new double[rounds]);
        }
        for (int r = 0; r < rounds; r++) {
            for (Convolutions engine : Convolutions.values()) ms.get(engine)[r] = time(models.get(engine), data, seconds);
        }
        double stock = median(ms.get(Convolutions.DL4J));
        double nat = median(ms.get(Convolutions.NATIVE));
        System.out.printf("%-10s %,9d params | DL4J %8.1f ms/step %7.0f samples/s | NATIVE %8.1f ms/step %7.0f"
                        + " samples/s | native/stock x%.2f (ms per round: DL4J %s, NATIVE %s)%n",
                name, params, stock, BATCH * 1000 / stock, nat, BATCH * 1000 / nat, stock / nat,
                Arrays.toString(round(ms.get(Convolutions.DL4J))), Arrays.toString(round(ms.get(Convolutions.NATIVE))));
    }

    /** Mean milliseconds per training step (one ComputationGraph.fit of the batch, as Model.fit does) over a round. */
    private static double time(Model model, DataSet data, double seconds) {
        long t0 = System.nanoTime();
        int steps = 0;
        while (steps < 3 || System.nanoTime() - t0 < seconds * 1e9) {
            model.network().fit(data);
            steps++;
        }
        return (System.nanoTime() - t0) / 1e6 / steps;
    }

    /** Noise of width {@code width} and random target images 28x28x1 in [-1, 1). */
    private static DataSet generatorBatch(int width) {
        Nd4j.getRandom().setSeed(2);
        return new DataSet(Nd4j.randn(DataType.FLOAT, BATCH, width),
                Nd4j.rand(DataType.FLOAT, BATCH, 1, 28, 28).muli(2).subi(1));
    }

    private static DataSet deconvBatch() {
        Nd4j.getRandom().setSeed(3);
        return new DataSet(Nd4j.rand(DataType.FLOAT, BATCH, 128, 7, 7), Nd4j.rand(DataType.FLOAT, BATCH, 1, 28, 28));
    }

    private static DataSet adjointBatch() {
        Nd4j.getRandom().setSeed(4);
        return new DataSet(Nd4j.rand(DataType.FLOAT, BATCH, 1, 28, 28), Nd4j.rand(DataType.FLOAT, BATCH, 128, 7, 7));
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
