package io.neurite.nativeops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The parameters of a {@link NativeRecurrent} layer, laid out in one flat array as DL4J's SameDiff layers lay out
 * theirs (so files saved by the earlier SameDiff implementation load): the weights {@code Wx} [nIn, G H] and
 * {@code Wh} [H, G H] (then {@code bWx}, {@code bWh} of the backward direction), then the biases {@code b} [G H]
 * (then {@code bb}), each row-major. Each direction's {@code Wx} and {@code Wh} are therefore adjacent: together the
 * stacked [nIn + H, G H] matrix its steps multiply with.
 */
final class RecurrentParams implements ParamInitializer {
    static final RecurrentParams INSTANCE = new RecurrentParams();
    private static final String[][] WEIGHTS = {{"Wx", "Wh"}, {"bWx", "bWh"}};
    private static final String[] BIASES = {"b", "bb"};

    private RecurrentParams() { }

    private static NativeRecurrent layer(Layer l) { return (NativeRecurrent) l; }

    private static int directions(NativeRecurrent l) { return l.getDirections() == NativeRecurrent.Directions.NONE ? 1 : 2; }

    private static long gateColumns(NativeRecurrent l) { return l.getCell().blocks() * l.getNOut(); }

    /** Length of one direction's stacked weights. */
    private static long stackedLength(NativeRecurrent l) { return (l.getNIn() + l.getNOut()) * gateColumns(l); }

    @Override
    public long numParams(NeuralNetConfiguration conf) { return numParams(conf.getLayer()); }

    @Override
    public long numParams(Layer l) {
        NativeRecurrent r = layer(l);
        return directions(r) * (stackedLength(r) + gateColumns(r));
    }

    @Override
    public List<String> paramKeys(Layer l) {
        List<String> keys = new ArrayList<>(weightKeys(l));
        keys.addAll(biasKeys(l));
        return keys;
    }

    @Override
    public List<String> weightKeys(Layer l) {
        List<String> keys = new ArrayList<>();
        for (int d = 0; d < directions(layer(l)); d++) keys.addAll(List.of(WEIGHTS[d]));
        return keys;
    }

    @Override
    public List<String> biasKeys(Layer l) { return List.of(BIASES).subList(0, directions(layer(l))); }

    @Override
    public boolean isWeightParam(Layer l, String key) { return weightKeys(l).contains(key); }

    @Override
    public boolean isBiasParam(Layer l, String key) { return biasKeys(l).contains(key); }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        NativeRecurrent r = layer(conf.getLayer());
        Map<String, INDArray> params = views(r, paramsView);
        if (initializeParams) r.initializeParameters(params);
        for (String key : params.keySet()) conf.addVariable(key);
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views(layer(conf.getLayer()), gradientView);
    }

    private static Map<String, INDArray> views(NativeRecurrent r, INDArray flat) {
        Map<String, INDArray> views = new LinkedHashMap<>();
        long g = gateColumns(r);
        for (int d = 0; d < directions(r); d++) {
            long from = d * stackedLength(r);
            views.put(WEIGHTS[d][0], part(flat, from, r.getNIn(), g));
            views.put(WEIGHTS[d][1], part(flat, from + r.getNIn() * g, r.getNOut(), g));
        }
        for (int d = 0; d < directions(r); d++) views.put(BIASES[d], bias(r, flat, d));
        return views;
    }

    /** The [rows, columns] row-major view of {@code flat} from element {@code from}. */
    private static INDArray part(INDArray flat, long from, long rows, long columns) {
        return flat.reshape(flat.length()).get(NDArrayIndex.interval(from, from + rows * columns)).reshape('c', rows, columns);
    }

    /** Direction {@code d}'s weights [Wx; Wh] ([nIn + H, G H]), a view of {@code flat} (parameters or gradients). */
    static INDArray stacked(NativeRecurrent r, INDArray flat, int d) {
        return part(flat, d * stackedLength(r), r.getNIn() + r.getNOut(), gateColumns(r));
    }

    /** Direction {@code d}'s bias [G H], a view of {@code flat}. */
    static INDArray bias(NativeRecurrent r, INDArray flat, int d) {
        long from = directions(r) * stackedLength(r) + d * gateColumns(r);
        return flat.reshape(flat.length()).get(NDArrayIndex.interval(from, from + gateColumns(r)));
    }
}
