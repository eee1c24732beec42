package io.neurite.model;

import io.neurite.compile.GraphCompiler;
import io.neurite.data.Dataset;
import io.neurite.eval.Metrics;
import io.neurite.layers.BatchNorm;
import io.neurite.layers.Frozen;
import io.neurite.nativeops.NativeConv2D;
import io.neurite.train.Fit;
import io.neurite.train.History;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import io.neurite.train.Trainer;
import io.neurite.util.ZipIntegrity;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A neural network: its definition ({@link ModelSpec}) and, once {@link #compile}d, the DL4J network that trains.
 * Start with {@link #sequential} or {@link #graph}.
 */
public final class Model {
    private static final String SAVED_ENTRY = "neurite-model";

    private final ModelSpec spec;
    private Loss loss;
    private Optimizer optimizer;
    private ComputationGraph network;

    Model(ModelSpec spec) {
        this.spec = spec;
    }

    /** A compiled model around an existing network whose configuration {@code spec} compiles to (transfer learning). */
    Model(ModelSpec spec, Loss loss, Optimizer optimizer, ComputationGraph network) {
        this.spec = spec;
        this.loss = loss;
        this.optimizer = optimizer;
        this.network = network;
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

    /** Sets the loss and optimizer and creates the DL4J network with freshly initialized weights. */
    public Model compile(Loss lossFunction, Optimizer opt) {
        this.loss = lossFunction;
        this.optimizer = opt;
        this.network = new ComputationGraph(GraphCompiler.compile(spec, lossFunction, opt));
        network.init();
        return this;
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

    /** Layers, output shapes, parameter counts and totals. */
    public Summary summaryTable() {
        ComputationGraphConfiguration conf = GraphCompiler.compile(spec, loss != null ? loss : Loss.mse(),
                optimizer != null ? optimizer : Optimizer.sgd(0.1));
        Map<String, Shape> shapes = spec.shapes();
        List<Summary.Row> rows = new ArrayList<>();
        long total = 0;
        long trainable = 0;
        for (String input : spec.inputs().keySet()) {
            rows.add(new Summary.Row(input, "Input", "", shapes.get(input), 0, List.of()));
        }
        for (NodeSpec node : spec.nodes()) {
            long params = params(conf.getVertices().get(node.name()));
            long fixed = node.layer() instanceof Frozen ? params
                    : node.layer() instanceof BatchNorm ? 2 * BatchNorm.features(shapes.get(node.name())) : 0;
            total += params;
            trainable += params - fixed;
            rows.add(new Summary.Row(node.name(), node.layer().type(), node.layer().details(), shapes.get(node.name()),
                    params, node.inputs()));
        }
        return new Summary(spec.name(), rows, total, trainable);
    }

    /** Total number of parameters. */
    public long paramCount() { return summaryTable().totalParams(); }

    /** Trains on in-memory data; returns the per-epoch history. */
    public History fit(Dataset train, Fit fit) {
        return trainer().fit(train, fit);
    }

    /** Trains on a DL4J iterator (reset each epoch). Its exceptions surface immediately. */
    public History fit(DataSetIterator train, Fit fit) {
        return trainer().fit(train, fit);
    }

    /** Scores the model on {@code data}: accuracy, per-class scores and confusion matrix, or regression errors. */
    public Metrics evaluate(Dataset data) {
        requireCompiled("evaluate");
        checkBatch(data.toDataSet(), "evaluate");
        return Metrics.of(loss.task(), data.labels(), predict(data.features()), data.classNames());
    }

    /** Mean per-example loss on {@code data} in inference mode, without any L1/L2 penalty (Keras's val_loss). */
    public double loss(Dataset data) {
        requireCompiled("loss");
        checkBatch(data.toDataSet(), "loss");
        return Trainer.meanLoss(network, data, Trainer.SCORING_BATCH);
    }

    /** Network outputs for {@code features} ([n, ...] as the input shape), in inference mode. */
    public INDArray predict(INDArray features) {
        requireCompiled("predict");
        checkFeatures(features, "predict");
        return Trainer.predict(network, features, Trainer.SCORING_BATCH);
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
     * the summary shows (inputs first, then layers in order). Images come as [n, channels, height, width]; a layer
     * with a fused activation (conv(6, 5).relu()) gives its activated output.
     */
    public Map<String, INDArray> activations(INDArray features) {
        requireCompiled("activations");
        checkFeatures(features, "activations");
        Map<String, INDArray> all = network.feedForward(features, false);
        Map<String, INDArray> named = new LinkedHashMap<>();
        for (String input : spec.inputs().keySet()) named.put(input, all.get(input));
        for (NodeSpec node : spec.nodes()) named.put(node.name(), all.get(node.name()));
        return named;
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
    public INDArray weights(String layerName) { return canonicalWeights(layerName).dup('c'); }

    /** A copy of the biases of the layer named {@code layerName}: a vector of one per filter or unit. */
    public INDArray bias(String layerName) {
        INDArray b = param(layerName, "b", "biases");
        return b.dup().reshape(b.length());
    }

    /** Overwrites the weights of {@code layerName} with {@code values}, which must have the shape {@link #weights} returns. */
    public Model setWeights(String layerName, INDArray values) {
        INDArray w = canonicalWeights(layerName);
        if (!Arrays.equals(w.shape(), values.shape())) {
            throw new IllegalArgumentException("layer '" + layerName + "' has weights of shape "
                    + Arrays.toString(w.shape()) + ", got " + Arrays.toString(values.shape()));
        }
        w.assign(values.castTo(w.dataType()));
        return this;
    }

    /** Overwrites the biases of {@code layerName} with {@code values}: a vector of one per filter or unit. */
    public Model setBias(String layerName, INDArray values) {
        INDArray b = param(layerName, "b", "biases");
        if (!values.isVector() && !values.isScalar() || values.length() != b.length()) {
            throw new IllegalArgumentException("layer '" + layerName + "' has " + b.length() + " biases, got an array of"
                    + " shape " + Arrays.toString(values.shape()) + "; pass a vector of " + b.length() + " values");
        }
        b.assign(values.reshape(b.shape()).castTo(b.dataType()));
        return this;
    }

    /** The weights of {@code layerName} as stored, viewed in the canonical layout {@link #weights} documents. */
    private INDArray canonicalWeights(String layerName) {
        INDArray w = param(layerName, "W", "weights");
        return NativeConv2D.isNative(network.getLayer(layerName).conf().getLayer()) ? NativeConv2D.toCanonical(w) : w;
    }

    private INDArray param(String layerName, String key, String what) {
        requireCompiled(what);
        NodeSpec node = spec.node(layerName);
        Layer layer = network.getLayer(layerName);
        if (layer == null || !layer.paramTable().containsKey(key)) {
            throw new IllegalArgumentException("layer '" + layerName + "' (" + node.layer().type() + ") of model '"
                    + name() + "' has no " + what + "; layers with " + what + ": " + layersWith(key));
        }
        return layer.getParam(key);
    }

    private List<String> layersWith(String key) {
        return spec.nodes().stream().map(NodeSpec::name).filter(n -> {
            Layer l = network.getLayer(n);
            return l != null && l.paramTable().containsKey(key);
        }).toList();
    }

    /** The DL4J network, for anything the DSL does not cover; null before {@link #compile}. */
    public ComputationGraph network() { return network; }

    public Loss loss() { return loss; }

    public Optimizer optimizer() { return optimizer; }

    /**
     * Saves definition, weights and optimizer state to a DL4J model zip; the file appears whole or not at all.
     */
    public void save(Path file) {
        requireCompiled("save");
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".model", ".tmp");
            try {
                ModelSerializer.writeModel(network, tmp.toFile(), true);
                ModelSerializer.addObjectToFile(tmp.toFile(), SAVED_ENTRY, new Saved(spec, loss, optimizer));
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save model '" + name() + "' to " + file, e);
        }
    }

    /**
     * Loads a model written by {@link #save}; it predicts exactly as the saved one did. A file damaged since it was
     * saved fails naming the file and the damage ({@link ZipIntegrity}).
     */
    public static Model load(Path file) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no saved model at " + file);
        ZipIntegrity.requireIntact(file);
        try {
            Saved saved = ModelSerializer.getObjectFromFile(file.toFile(), SAVED_ENTRY);
            Model model = new Model(saved.spec());
            model.loss = saved.loss();
            model.optimizer = saved.optimizer();
            model.network = ModelSerializer.restoreComputationGraph(file.toFile(), true);
            return model;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + " is not a Neurite model saved with Model.save: " + e.getMessage()
                    + "; Model.load reads only what Model.save wrote (Keras .h5 weights: KerasWeights.load)", e);
        }
    }

    /** What {@link #save} stores beside DL4J's own files. */
    private record Saved(ModelSpec spec, Loss loss, Optimizer optimizer) implements Serializable { }

    private Trainer trainer() {
        requireCompiled("fit");
        return new Trainer(network, loss, this::save, batch -> checkBatch(batch, "fit"));
    }

    private void requireCompiled(String call) {
        if (network == null) {
            throw new IllegalStateException(call + " needs a compiled model: call compile(loss, optimizer) on '"
                    + name() + "' first");
        }
    }

    private static long params(GraphVertex vertex) {
        if (vertex instanceof LayerVertex lv) {
            return lv.getLayerConf().getLayer().initializer().numParams(lv.getLayerConf());
        }
        return 0;
    }

    private void checkBatch(DataSet batch, String call) {
        checkFeatures(batch.getFeatures(), call);
        Shape out = spec.shapes().get(spec.outputs().get(0));
        long expected = out.isVector() ? out.dims()[0] : out.flatSize();
        INDArray labels = batch.getLabels();
        if (labels.rank() != 2 || labels.size(1) != expected) {
            throw new IllegalArgumentException(call + ": labels have shape " + Arrays.toString(labels.shape())
                    + " but model '" + name() + "' outputs " + expected + " values per example (layer '"
                    + spec.outputs().get(0) + "'); labels must be [batch, " + expected + "]"
                    + (expected > 1 && labels.size(1) == 1 ? " — one-hot encode class labels (Dataset.classification)" : ""));
        }
    }

    private void checkFeatures(INDArray features, String call) {
        Shape in = spec.inputs().values().iterator().next();
        long[] got = features.shape();
        long[] want = in.arrayShape();
        boolean ok = got.length == want.length + 1;
        for (int d = 0; ok && d < want.length; d++) ok = want[d] == -1 || got[d + 1] == want[d];
        if (!ok) {
            String hint = in.isImage() && got.length == 2 && got[1] == in.elements()
                    ? "; reshape flat pixels with dataset.asImages(" + in.height() + ", " + in.width() + ", "
                    + in.channels() + ")"
                    : in.isVector() && got.length > 2 ? "; flatten images with dataset.flattened()" : "";
            throw new IllegalArgumentException(call + ": features have shape " + Arrays.toString(got) + " but model '"
                    + name() + "' expects input " + in + " as [batch, " + join(want) + "]" + hint);
        }
    }

    private static String join(long[] dims) {
        return String.join(", ", Arrays.stream(dims).mapToObj(Long::toString).toList());
    }

    @Override
    public String toString() { return "Model[" + name() + ", " + spec.nodes().size() + " layers]"; }
}
