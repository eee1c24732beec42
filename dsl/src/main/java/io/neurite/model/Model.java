package io.neurite.model;

import io.neurite.compile.GraphCompiler;
import io.neurite.compile.Parameters;
import io.neurite.data.Dataset;
import io.neurite.eval.Metrics;
import io.neurite.eval.Task;
import io.neurite.spec.Convolutions;
import io.neurite.spec.ModelSpec;
import io.neurite.train.Fit;
import io.neurite.train.History;
import io.neurite.train.LeanGraphUpdater;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import io.neurite.train.TrainingStep;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A neural network: its definition ({@link ModelSpec}) and, once {@link #compile}d, the DL4J network that trains.
 * Start with {@link #sequential} or {@link #graph}. The work is shared with collaborators: {@link GraphCompiler}
 * (definition to DL4J), {@link Summary}, {@link Inspection} (activations, weights), {@link ModelFile} (save, load),
 * {@link InputChecks} (data against the definition) and {@link ModelStep} (one training step).
 */
public final class Model {
    private final ModelSpec spec;
    private Map<String, Loss> losses;
    private Optimizer optimizer;
    private ComputationGraph network;

    Model(ModelSpec spec) {
        this.spec = spec;
    }

    /** A compiled model around an existing network whose configuration {@code spec} compiles to. */
    Model(ModelSpec spec, Map<String, Loss> losses, Optimizer optimizer, ComputationGraph network) {
        this.spec = spec;
        this.losses = Map.copyOf(losses);
        this.optimizer = optimizer;
        this.network = network;
        leanUpdaterOnNativeEngine();
    }

    /** On the native engine the network updates with {@link LeanGraphUpdater} (DL4J's stock path keeps DL4J's). */
    private void leanUpdaterOnNativeEngine() {
        if (spec.convolutions() == Convolutions.NATIVE) LeanGraphUpdater.install(network);
    }

    /** A stack of layers: {@code Model.sequential("mlp").input(Shape.vector(2)).dense(4).tanh().dense(1).sigmoid().build()}. */
    public static Sequential sequential(String name) { return new Sequential(name); }

    /** A graph of layers wired by values: see {@link GraphBuilder}. */
    public static GraphBuilder graph(String name) { return new GraphBuilder(name); }

    public String name() { return spec.name(); }

    public ModelSpec spec() { return spec; }

    /**
     * This model's definition with its convolutions computed by {@code engine}, uncompiled (e.g. a zoo model made
     * native: {@code LeNet.lenet5Mnist(...).withConvolutions(Convolutions.NATIVE)}). This model is unchanged.
     */
    public Model withConvolutions(Convolutions engine) {
        if (engine == null) throw new IllegalArgumentException("withConvolutions(...) needs an engine, e.g. Convolutions.NATIVE");
        return new Model(spec.withConvolutions(engine));
    }

    /** Sets one loss for every output and the optimizer, and creates the network with freshly initialized weights. */
    public Model compile(Loss loss, Optimizer opt) {
        Map<String, Loss> each = new LinkedHashMap<>();
        spec.outputs().forEach(o -> each.put(o, loss));
        return compile(each, opt);
    }

    /**
     * Sets a loss per output, keyed by output name ({@code Loss.weighted} scales one: the model minimises
     * sum_k w_k L_k), and the optimizer, and creates the network with freshly initialized weights.
     */
    public Model compile(Map<String, Loss> lossPerOutput, Optimizer opt) {
        if (!lossPerOutput.keySet().equals(new java.util.HashSet<>(spec.outputs()))) {
            throw new IllegalArgumentException("model '" + name() + "' has outputs " + spec.outputs()
                    + " but losses were given for " + lossPerOutput.keySet() + "; give exactly one loss per output");
        }
        this.losses = Map.copyOf(lossPerOutput);
        this.optimizer = opt;
        this.network = new ComputationGraph(GraphCompiler.compile(spec, losses, opt));
        network.init();
        leanUpdaterOnNativeEngine();
        return this;
    }

    /**
     * Sets the optimizer alone and creates the network: the outputs have no loss of their own, and the model is trained
     * by hand from errors given at its outputs ({@link Pass#backwardFrom}), like a GAN's generator or a VAE's encoder.
     */
    public Model compile(Optimizer opt) {
        this.losses = Map.of();
        this.optimizer = opt;
        this.network = new ComputationGraph(GraphCompiler.compile(spec, losses, opt));
        network.init();
        leanUpdaterOnNativeEngine();
        return this;
    }

    /**
     * A training-mode forward pass over {@code inputs} (one array per input, in order), kept for a backward pass
     * written by hand: see {@link Pass}.
     */
    public Pass forward(INDArray... inputs) {
        requireCompiled("forward");
        List<String> names = List.copyOf(spec.inputs().keySet());
        if (inputs.length != names.size()) {
            throw new IllegalArgumentException("model '" + name() + "' has inputs " + names + ": give one array per input, got "
                    + inputs.length);
        }
        INDArray[] dl4j = new INDArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            InputChecks.features(spec, names.get(i), inputs[i], "forward");
            dl4j[i] = io.neurite.compile.Sequences.toDl4j(inputs[i], spec.inputs().get(names.get(i)));
        }
        return new Pass(this, dl4j, null);
    }

    /**
     * Starts transfer learning from this trained model: freeze layers, replace the head, fine-tune; see
     * {@link Transfer}. This model is left unchanged.
     */
    public Transfer transfer() {
        requireCompiled("transfer");
        return new Transfer(this);
    }

    /** Prints the summary table. */
    public void summary() { System.out.print(summaryTable()); }

    /** Layers, output shapes, parameter counts and totals (counts read from the compiled configuration). */
    public Summary summaryTable() {
        ComputationGraphConfiguration conf = losses != null ? GraphCompiler.compile(spec, losses, optimizer)
                : GraphCompiler.compile(spec, Loss.mse(), Optimizer.sgd(0.1));
        return Summary.of(spec, Parameters.counts(spec, conf));
    }

    /** Total number of parameters. */
    public long paramCount() { return summaryTable().totalParams(); }

    /** Trains on in-memory data; returns the per-epoch history. */
    public History fit(Dataset train, Fit fit) {
        requireCompiled("fit");
        if (train.size() > 0) check(train, "fit", true);
        if (fit.validation() != null && fit.validation().size() > 0) check(fit.validation(), "fit (validation data)", true);
        return trainingStep().fit(train, fit);
    }

    /**
     * This model's own training step (forward, losses, backward, one optimizer update) for hand-written training
     * loops, e.g. the discriminator's half of a GAN step; see {@link TrainingStep}.
     */
    public TrainingStep trainingStep() {
        requireCompiled("trainingStep");
        if (losses.isEmpty()) {
            throw new IllegalStateException("model '" + name() + "' was compiled without a loss, so it has no training "
                    + "step of its own; train it by hand with forward(...) and Pass.backwardFrom(...)");
        }
        return new ModelStep(this);
    }

    /** Scores the single output on {@code data}: accuracy, per-class scores and confusion matrix, or regression errors. */
    public Metrics evaluate(Dataset data) {
        return evaluate(data, onlyOutput("evaluate"));
    }

    /** Scores the output named {@code output} on {@code data}. */
    public Metrics evaluate(Dataset data, String output) {
        requireCompiled("evaluate");
        requireExamples(data, "evaluate");
        Binding binding = check(data, "evaluate", true);
        int o = outputIndex(output);
        String labels = binding.labels().get(o);
        INDArray predictions = Scoring.predict(network, spec, data, binding).get(output);
        return Metrics.of(losses.get(output).task(), data.labels(labels), predictions, data.mask(labels),
                data.classNames());
    }

    /**
     * Mean loss on {@code data} in inference mode without any L1/L2 penalty (Keras's val_loss): per output, the mean
     * over examples (over unmasked steps for per-step labels), summed over outputs with their weights.
     */
    public double loss(Dataset data) {
        requireCompiled("loss");
        requireExamples(data, "loss");
        return scores(data).get("loss");
    }

    /**
     * Loss and metrics from one forward pass: {@code loss} (summed over outputs), and for several outputs each one's
     * {@code <output>_loss}; {@code accuracy} (prefixed by the output's name for several) unless the task is regression.
     */
    Map<String, Double> scores(Dataset data) {
        Binding binding = check(data, "evaluate", true);
        Map<String, INDArray> predictions = Scoring.predict(network, spec, data, binding);
        Map<String, Double> logs = new LinkedHashMap<>();
        Map<String, Double> heads = new LinkedHashMap<>();
        double total = 0;
        boolean several = spec.outputs().size() > 1;
        for (int o = 0; o < spec.outputs().size(); o++) {
            String output = spec.outputs().get(o);
            String labels = binding.labels().get(o);
            Loss loss = losses.get(output);
            double headLoss = Scoring.meanLoss(loss, data.labels(labels), predictions.get(output), data.mask(labels));
            total += headLoss;
            String prefix = several ? output + "_" : "";
            if (several) heads.put(prefix + "loss", headLoss);
            if (loss.task() != Task.REGRESSION) {
                Metrics.of(loss.task(), data.labels(labels), predictions.get(output), data.mask(labels), data.classNames())
                        .asMap().forEach((k, v) -> heads.put(prefix + k, v));
            }
        }
        logs.put("loss", total);
        logs.putAll(heads);
        return logs;
    }

    /** Outputs of a one-input, one-output model for {@code features} ([n, ...] as the input shape), in inference mode. */
    public INDArray predict(INDArray features) {
        requireCompiled("predict");
        String input = spec.inputs().keySet().iterator().next();
        if (spec.inputs().size() != 1) onlyInput();
        return predict(Map.of(input, features)).get(onlyOutput("predict"));
    }

    /**
     * Outputs of a one-input, one-output model for padded sequences ([n, steps, features], or token ids [n, steps]),
     * each read only up to its real steps: {@code mask} is [n, steps], 1 for a real step and 0 for padding
     * ({@link io.neurite.data.Vocabulary#paddingMask} makes it for token ids). {@link #predict(INDArray)} would read the padding as input.
     */
    public INDArray predict(INDArray features, INDArray mask) {
        return predict(Dataset.unlabelled(features).withMask(Dataset.FEATURES, mask));
    }

    /**
     * Every output, by output name, for the inputs given by input name, in inference mode; sequences are read to their
     * last step ({@link #predictAll} takes their padding masks).
     */
    public Map<String, INDArray> predict(Map<String, INDArray> inputs) {
        return outputs(Dataset.of(inputs, Map.of()));
    }

    /**
     * Every output, by output name, for {@code data}'s features with their masks, in inference mode: each padded
     * sequence is read only up to its last real step, as in {@code fit} and {@code evaluate}. Labels, if any, are not
     * used.
     */
    public Map<String, INDArray> predictAll(Dataset data) {
        return outputs(data);
    }

    /**
     * Outputs of a one-output model for {@code data}'s features with their masks, in inference mode: a padded sequence
     * is read only up to its last real step, as in {@code fit} and {@code evaluate}. Labels, if any, are not used.
     */
    public INDArray predict(Dataset data) {
        return outputs(data).get(onlyOutput("predict"));
    }

    /** Every output for {@code data}'s features (and their masks), checked against the inputs first. */
    private Map<String, INDArray> outputs(Dataset data) {
        requireCompiled("predict");
        Binding binding = Binding.of(spec, data, "predict", false);
        List<String> names = List.copyOf(spec.inputs().keySet());
        for (int i = 0; i < names.size(); i++) {
            String array = binding.features().get(i);
            InputChecks.features(spec, names.get(i), data.features(array), "predict");
            InputChecks.mask(spec, names.get(i), data.mask(array), "predict");
        }
        return Scoring.predict(network, spec, data, binding);
    }

    /** Network outputs for rows of numbers (vector inputs). */
    public double[][] predict(double[][] rows) {
        return predict(Nd4j.create(rows).castTo(spec.dataType())).toDoubleMatrix();
    }

    /** The most probable class of each example (argmax of the outputs). */
    public int[] predictClasses(INDArray features) {
        return predict(features).argMax(1).toIntVector();
    }

    /**
     * Every layer's output for {@code features} ([n, ...] as the input shape), in inference mode, keyed by the names
     * the summary shows (inputs first, then layers in order), in the same layouts as the data: images
     * [n, channels, height, width], sequences [n, steps, features]. A layer with a fused activation
     * (conv(6, 5).relu()) gives its activated output.
     */
    public Map<String, INDArray> activations(INDArray features) {
        requireCompiled("activations");
        InputChecks.features(spec, spec.inputs().keySet().iterator().next(), features, "activations");
        return new Inspection(spec, network).activations(features);
    }

    /** The output of the layer named {@code layerName} for {@code features}: see {@link #activations}. */
    public INDArray activation(String layerName, INDArray features) {
        if (!spec.inputs().containsKey(layerName)) spec.node(layerName);
        return activations(features).get(layerName);
    }

    /**
     * A copy of the weights of the layer named {@code layerName}: [filters, input channels, kernel rows, kernel columns]
     * for a convolution (out[f] = sum over c of in[c] cross-correlated with W[f][c], plus b[f]), [inputs, units] for a
     * dense layer (out = x W + b), whichever {@link Convolutions} engine computes the layer.
     */
    public INDArray weights(String layerName) { return inspection("weights").weights(layerName).dup('c'); }

    /** A copy of the biases of the layer named {@code layerName}: a vector of one per filter or unit. */
    public INDArray bias(String layerName) {
        INDArray b = inspection("biases").bias(layerName);
        return b.dup().reshape(b.length());
    }

    /** Overwrites the weights of {@code layerName} with {@code values}, which must have the shape {@link #weights} returns. */
    public Model setWeights(String layerName, INDArray values) {
        INDArray w = inspection("weights").weights(layerName);
        if (!Arrays.equals(w.shape(), values.shape())) {
            throw new IllegalArgumentException("layer '" + layerName + "' has weights of shape "
                    + Arrays.toString(w.shape()) + ", got " + Arrays.toString(values.shape()));
        }
        w.assign(values.castTo(w.dataType()));
        return this;
    }

    /** Overwrites the biases of {@code layerName} with {@code values}: a vector of one per filter or unit. */
    public Model setBias(String layerName, INDArray values) {
        INDArray b = inspection("biases").bias(layerName);
        if (!values.isVector() && !values.isScalar() || values.length() != b.length()) {
            throw new IllegalArgumentException("layer '" + layerName + "' has " + b.length() + " biases, got an array of"
                    + " shape " + Arrays.toString(values.shape()) + "; pass a vector of " + b.length() + " values");
        }
        b.assign(values.reshape(b.shape()).castTo(b.dataType()));
        return this;
    }

    /** The DL4J network, for anything the DSL does not cover; null before {@link #compile}. */
    public ComputationGraph network() { return network; }

    /** The loss of the single output. */
    public Loss loss() { return losses == null ? null : losses.get(onlyOutput("loss")); }

    /** The loss of each output, by output name. */
    public Map<String, Loss> losses() { return losses; }

    public Optimizer optimizer() { return optimizer; }

    /** Saves definition, weights and optimizer state to one file; the file appears whole or not at all. */
    public void save(Path file) {
        requireCompiled("save");
        ModelFile.save(file, network, new ModelFile.Saved(spec, losses, optimizer));
    }

    /** Loads a model written by {@link #save}; it predicts exactly as the saved one did. */
    public static Model load(Path file) { return ModelFile.load(file); }

    private Binding check(Dataset data, String call, boolean needLabels) {
        if (needLabels && losses.isEmpty()) {
            throw new IllegalStateException(call + ": model '" + name() + "' was compiled without a loss, so it has "
                    + "nothing to score; train it by hand with forward(...) and Pass.backwardFrom(...)");
        }
        Binding binding = Binding.of(spec, data, call, needLabels);
        InputChecks.check(spec, data, binding, call);
        return binding;
    }

    private Inspection inspection(String what) {
        requireCompiled(what);
        return new Inspection(spec, network);
    }

    private int outputIndex(String output) {
        int o = spec.outputs().indexOf(output);
        if (o < 0) throw new IllegalArgumentException("model '" + name() + "' has no output '" + output + "'; outputs: " + spec.outputs());
        return o;
    }

    private String onlyOutput(String call) {
        if (spec.outputs().size() != 1) {
            throw new IllegalStateException(call + " needs to know which output: model '" + name() + "' has outputs "
                    + spec.outputs() + "; name one (e.g. evaluate(data, \"" + spec.outputs().get(0) + "\")) or use the map form");
        }
        return spec.outputs().get(0);
    }

    private void onlyInput() {
        throw new IllegalStateException("model '" + name() + "' has inputs " + spec.inputs().keySet()
                + ": pass them by name, predict(Map.of(\"" + spec.inputs().keySet().iterator().next() + "\", x, ...))");
    }

    private static void requireExamples(Dataset data, String call) {
        if (data.size() == 0) throw new IllegalArgumentException(call + " got a dataset with no examples");
    }

    private void requireCompiled(String call) {
        if (network == null) {
            throw new IllegalStateException(call + " needs a compiled model: call compile(loss, optimizer) on '"
                    + name() + "' first");
        }
    }

    @Override
    public String toString() { return "Model[" + name() + ", " + spec.nodes().size() + " layers]"; }
}
