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
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training throughput of the two {@link Convolutions} engines on zoo models built through the DSL, in one run:
 * LeNet-5 ({@code LeNet.lenet5Mnist}, 28x28x1) and the reduced ResNet ({@code ResNet.reduced}, 28x28x1), 10 classes,
 * batch 64, Adam(1e-3), random data. Each model is compiled once per engine; after one warm-up round each, the engines
 * are timed in alternating rounds of at least a given wall time (and 3 training steps); the median round is reported
 * as samples per second, with the ratio native/stock.
 * Run: {@code OMP_NUM_THREADS=1 mvn -q compile exec:java -Dexec.mainClass=io.neurite.recipes.bench.ConvBenchmark}
 * (optional args: seconds per round, default 3; rounds, default 3).
 */
public final class ConvBenchmark {
    private static final int BATCH = 64;
    private static final int CLASSES = 10;
    private static final Shape MNIST = Shape.image(28, 28, 1);

    private ConvBenchmark() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.out.println(NativeBackend.describe());
        System.out.println("batch " + BATCH + ", Adam, rounds of >= " + seconds + " s, " + rounds
                + " alternating rounds per engine, median shown");
        DataSet data = randomBatch();
        report("LeNet-5", () -> LeNet.lenet5Mnist(MNIST, CLASSES), data, seconds, rounds);
        report("ResNet-red", () -> ResNet.reduced(MNIST, CLASSES), data, seconds, rounds);
    }

    private static void report(String name, Supplier<Model> zoo, DataSet data, double seconds, int rounds) {
        Map<Convolutions, Model> models = new EnumMap<>(Convolutions.class);
        for (Convolutions engine : Convolutions.values()) {
            models.put(engine, zoo.get().withConvolutions(engine).compile(Loss.crossEntropy(), Optimizer.adam(1e-3)));
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
