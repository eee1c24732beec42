package io.neurite.recipes.bench;

import io.neurite.core.Shape;
import io.neurite.model.GraphBuilder;
import io.neurite.model.Model;
import io.neurite.model.Node;
import io.neurite.model.Transformer;
import io.neurite.nativeops.NativeBackend;
import io.neurite.spec.Convolutions;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import io.neurite.zoo.DenseNet;
import io.neurite.zoo.EfficientNet;
import io.neurite.zoo.GoogLeNet;
import io.neurite.zoo.LeNet;
import io.neurite.zoo.ResNet;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Neurite against PyTorch, and the DSL against DL4J written by hand, timed in one run. Each benchmark model is built
 * with the DSL, compiled with cross-entropy and Adam(1e-3), and trained on one fixed random batch; its PyTorch twin
 * ({@link TorchTwin}) rebuilds the same layers and shapes. After a warm-up each, the two are timed in alternating
 * rounds of at least {@code seconds} (and 3 steps), so both see the same machine load; per round the ratio
 * Neurite / PyTorch is taken, and the median ratio is printed with the spread of the rounds and the ratio of the two
 * fastest rounds (the least disturbed by other load), for the wall clock and two CPU clocks ({@link StepTime}; on a
 * shared machine the stepping thread's CPU-time ratio is the one to trust, except between thread counts).
 * A training step is
 * {@code ComputationGraph.fit(batch)} (what {@code Model.fit} runs per batch) against zero_grad, forward, loss,
 * backward and Adam's step; inference is {@code output(false, x)} against an eval-mode forward under no_grad.
 */
public final class Benchmark {
    private static final int CLASSES = 10;
    private static final Shape MNIST = Shape.image(28, 28, 1);
    private static final int WARM_UP_ROUNDS = 8;

    /** A benchmark model: its name, builder and batch size. */
    record Case(String name, Supplier<Model> model, int batch) { }

    /** Every model the benchmark knows, in the order it runs them. */
    static final List<Case> CASES = List.of(
            new Case("mlp", () -> Model.sequential("mlp").input(Shape.vector(784)).dense(512).relu()
                    .dense(CLASSES).softmax().build(), 128),
            new Case("lenet5", () -> LeNet.lenet5Mnist(MNIST, CLASSES), 64),
            new Case("resnet-reduced", () -> ResNet.reduced(MNIST, CLASSES), 64),
            new Case("googlenet-reduced", () -> GoogLeNet.reduced(MNIST, CLASSES), 64),
            new Case("densenet-reduced", () -> DenseNet.reduced(MNIST, CLASSES), 64),
            new Case("efficientnet-reduced", () -> EfficientNet.reduced(MNIST, CLASSES), 64),
            new Case("lstm", () -> Model.sequential("lstm").input(Shape.sequence(50, 64)).lstm(128).lastStep()
                    .dense(CLASSES).softmax().build(), 32),
            new Case("gru", () -> Model.sequential("gru").input(Shape.sequence(50, 64)).gru(128).lastStep()
                    .dense(CLASSES).softmax().build(), 32),
            new Case("transformer-encoder", Benchmark::transformerEncoder, 32));

    /** Issue 10's Transformer encoder layer: d_model 256, 4 heads, feed-forward 1024, 64 steps; its first step classified. */
    private static Model transformerEncoder() {
        GraphBuilder g = Model.graph("transformer-encoder");
        Node block = Transformer.encoderBlock(g.input("x", Shape.sequence(64, 256)), 4, 1024);
        return g.output(block.firstStep().dense(CLASSES).softmax()).build();
    }

    private final double seconds;
    private final int rounds;
    private final PrintStream out;

    private Benchmark(double seconds, int rounds, PrintStream out) {
        this.seconds = seconds;
        this.rounds = rounds;
        this.out = out;
    }

    /**
     * Runs the named models with {@code threads} native threads against a PyTorch twin started with {@code python}
     * (null: {@code python3}, else Debian's {@code /usr/bin/python3}), or alone, saying why, when it cannot import
     * torch; then, if asked, the DSL against DL4J by hand.
     */
    public static void run(List<String> models, int threads, double seconds, int rounds, String python,
                           boolean dslOverhead, PrintStream out) throws IOException {
        run(models, threads, seconds, rounds, python, dslOverhead, 0, out);
    }

    /**
     * As {@link #run(List, int, double, int, String, boolean, PrintStream)}; with {@code compareThreads} above 0,
     * instead times each model's training with {@code compareThreads} native threads against {@code threads}, for
     * Neurite and for PyTorch, in alternating rounds.
     */
    public static void run(List<String> models, int threads, double seconds, int rounds, String python,
                           boolean dslOverhead, int compareThreads, PrintStream out) throws IOException {
        StringBuilder whyNot = new StringBuilder();
        Optional<TorchTwin> twin = Optional.empty();
        for (String p : python != null ? List.of(python) : List.of("python3", "/usr/bin/python3")) {
            if (twin.isEmpty()) twin = TorchTwin.start(p, threads, whyNot.append(whyNot.isEmpty() ? "" : "; "));
        }
        if (twin.isEmpty()) out.println("PyTorch part skipped: " + whyNot);
        try {
            Benchmark b = new Benchmark(seconds, rounds, out);
            if (compareThreads > 0) b.compareThreads(models, twin, threads, compareThreads);
            else b.run(models, twin, dslOverhead);
        } finally {
            twin.ifPresent(TorchTwin::close);
        }
    }

    /** The names of {@link #CASES}. */
    public static List<String> names() { return CASES.stream().map(Case::name).toList(); }

    /** Runs the named models against {@code twin} (empty: Neurite alone), then the DSL-overhead pair. */
    private void run(List<String> models, Optional<TorchTwin> twin, boolean dslOverhead) throws IOException {
        out.println(NativeBackend.describe());
        twin.ifPresent(t -> out.println(t.version()));
        out.printf("rounds of >= %.1f s, %d alternating rounds; ratio = Neurite ms / other ms per round: median"
                + " [min - max]; best rounds = Neurite's fastest round / the other's fastest%n"
                + "wall: wall-clock ms per step; cpu: the process's CPU ms per step (all its threads, the JVM's JIT"
                + " and GC included); thread cpu: CPU ms of the thread that ran the steps; on a loaded machine trust"
                + " the thread cpu ratio: neither other processes' time nor the JIT's is in it%n",
                seconds, rounds);
        for (Case c : CASES) {
            if (models.contains(c.name())) compare(c, twin);
        }
        if (dslOverhead) {
            overhead("mlp (DSL vs DL4J by hand)", named("mlp"), HandWrittenDl4j::mlp);
            overhead("lenet5 (DSL vs DL4J by hand)", named("lenet5"), HandWrittenDl4j::lenet5);
            for (String model : List.of("mlp", "efficientnet-reduced")) {
                if (model.equals("mlp") || models.contains(model)) {
                    overhead(model + " (native vs stock DL4J layers)", named(model), () -> named(model).model().get()
                            .withConvolutions(Convolutions.DL4J).compile(Loss.crossEntropy(), Optimizer.adam(1e-3))
                            .network());
                }
            }
        }
    }

    private static Case named(String name) {
        return CASES.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private void compare(Case c, Optional<TorchTwin> twin) throws IOException {
        Model model = c.model().get().compile(Loss.crossEntropy(), Optimizer.adam(1e-3));
        ComputationGraph net = model.network();
        DataSet batch = randomBatch(model.spec().inputs().values().iterator().next(), c.batch());
        if (twin.isPresent()) twin.get().build(c.name(), model.spec(), c.batch(), CLASSES, 1e-3);
        for (boolean train : new boolean[] {true, false}) {
            Supplier<StepTime> neurite = train ? () -> time(() -> net.fit(batch)) : () -> time(() -> net.output(false,
                    batch.getFeatures()));
            Supplier<StepTime> torch = twin.isEmpty() ? null : () -> twinTime(twin.get(), c.name(), train);
            report(String.format("%-18s %-5s b%-3d", c.name(), train ? "train" : "infer", c.batch()), c.batch(),
                    neurite, torch, "PyTorch");
        }
    }

    /** Per model, training with {@code more} threads against {@code fewer}: Neurite's, then the twin's. */
    private void compareThreads(List<String> models, Optional<TorchTwin> twin, int fewer, int more) throws IOException {
        out.println(NativeBackend.describe());
        out.printf("training, %d native threads against %d: ratio = ms with %d / ms with %d per round: median"
                + " [min - max]%nhere the wall ratio is what matters: cpu adds up the threads' time, so it only"
                + " shows the work the extra threads cost, and thread cpu leaves the other threads out%n", more, fewer,
                more, fewer);
        for (Case c : CASES) {
            if (!models.contains(c.name())) continue;
            Model model = c.model().get().compile(Loss.crossEntropy(), Optimizer.adam(1e-3));
            DataSet batch = randomBatch(model.spec().inputs().values().iterator().next(), c.batch());
            String label = String.format("%-18s train b%-3d", c.name(), c.batch());
            report(label + " Neurite", c.batch(), () -> withNativeThreads(more, () -> model.network().fit(batch)),
                    () -> withNativeThreads(fewer, () -> model.network().fit(batch)), more + " threads",
                    fewer + " threads");
            if (twin.isEmpty()) continue;
            twin.get().build(c.name(), model.spec(), c.batch(), CLASSES, 1e-3);
            report(label + " PyTorch", c.batch(), () -> twinTime(twin.get(), c.name(), more),
                    () -> twinTime(twin.get(), c.name(), fewer), more + " threads", fewer + " threads");
            twin.get().threads(fewer);
        }
        io.neurite.util.NativeThreads.use(fewer);
    }

    private StepTime withNativeThreads(int threads, Runnable step) {
        io.neurite.util.NativeThreads.use(threads);
        return time(step);
    }

    private StepTime twinTime(TorchTwin twin, String id, int threads) {
        try {
            twin.threads(threads);
            return twin.time(id, true, seconds, 3);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The DSL-built model's training against {@code byHand}'s, the same network built another way. */
    private void overhead(String label, Case c, Supplier<ComputationGraph> byHand) {
        ComputationGraph dsl = c.model().get().compile(Loss.crossEntropy(), Optimizer.adam(1e-3)).network();
        ComputationGraph hand = byHand.get();
        if (dsl.numParams() != hand.numParams()) {
            throw new IllegalStateException(label + ": " + dsl.numParams() + " against " + hand.numParams() + " parameters");
        }
        Model shapeSource = c.model().get();
        DataSet batch = randomBatch(shapeSource.spec().inputs().values().iterator().next(), c.batch());
        report(String.format("%-32s", label), c.batch(), () -> time(() -> dsl.fit(batch)),
                () -> time(() -> hand.fit(batch)), label.contains("stock") ? "stock" : "DL4J by hand");
    }

    /** Warm-up, then alternating rounds; prints Neurite's and the other's median ms/step and the ratios. */
    private void report(String label, int batch, Supplier<StepTime> neurite, Supplier<StepTime> other,
                        String otherName) {
        report(label, batch, neurite, other, "Neurite", otherName);
    }

    /**
     * Warm-up, then alternating rounds; prints two lines, wall clock and CPU time: each side's median ms per step and
     * samples/s, and the {@link RoundRatios} (without {@code other}, ours alone).
     */
    private void report(String label, int batch, Supplier<StepTime> neurite, Supplier<StepTime> other, String ourName,
                        String otherName) {
        warmUp(neurite);
        if (other != null) warmUp(other);
        StepTime[] ours = new StepTime[rounds];
        StepTime[] theirs = new StepTime[rounds];
        for (int r = 0; r < rounds; r++) {
            ours[r] = neurite.get();
            if (other != null) theirs[r] = other.get();
        }
        for (StepTime.Clock clock : StepTime.Clock.values()) {
            double[] a = clock.of(ours);
            String line = String.format("%s %10s | %s %8.2f ms %7.0f samples/s",
                    clock == StepTime.Clock.WALL ? label : " ".repeat(label.length()), clock.label, ourName,
                    RoundRatios.median(a), batch * 1000 / RoundRatios.median(a));
            if (other != null) {
                double[] b = clock.of(theirs);
                line += String.format(" | %s %8.2f ms %7.0f samples/s | %s", otherName, RoundRatios.median(b),
                        batch * 1000 / RoundRatios.median(b), RoundRatios.of(a, b));
            }
            out.println(line);
        }
    }

    /**
     * Rounds of {@code side} until its process's other threads are quiet ({@link StepTime#quietBesideTheStep()}: the
     * JIT has settled), at most {@value #WARM_UP_ROUNDS}.
     */
    private static void warmUp(Supplier<StepTime> side) {
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            if (side.get().quietBesideTheStep()) return;
        }
    }

    private StepTime twinTime(TorchTwin twin, String id, boolean train) {
        try {
            return twin.time(id, train, seconds, 3);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Mean milliseconds per call of {@code step} over a round of at least {@link #seconds} and 3 calls. */
    private StepTime time(Runnable step) {
        return StepTime.measure(step, seconds, 3);
    }

    /** Uniform random features in DL4J's layout (sequences as [n, features, steps]) and one-hot labels. */
    static DataSet randomBatch(Shape input, int n) {
        Nd4j.getRandom().setSeed(1);
        long[] dims = input.arrayShape();
        long[] shape = input.isSequence() ? new long[] {n, dims[1], dims[0]} : prepend(n, dims);
        INDArray x = Nd4j.rand(DataType.FLOAT, shape);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, CLASSES);
        for (int i = 0; i < n; i++) y.putScalar(i, i % CLASSES, 1.0);
        return new DataSet(x, y);
    }

    private static long[] prepend(long n, long[] dims) {
        long[] s = new long[dims.length + 1];
        s[0] = n;
        System.arraycopy(dims, 0, s, 1, dims.length);
        return s;
    }

}
