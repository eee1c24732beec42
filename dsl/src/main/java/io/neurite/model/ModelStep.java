package io.neurite.model;

import io.neurite.compile.Sequences;
import io.neurite.data.Dataset;
import io.neurite.spec.ModelSpec;
import io.neurite.train.LeanGraphUpdater;
import io.neurite.train.TrainingStep;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A model's own training step: forward, the loss of every output, backward and one optimizer update (DL4J's
 * {@code fit} on one batch). Logs {@code loss} (the weighted sum over outputs plus any L1/L2 penalty) and, for several
 * outputs, each output's own loss as {@code <output>_loss}.
 */
final class ModelStep implements TrainingStep {
    private final Model model;

    ModelStep(Model model) { this.model = model; }

    @Override
    public Map<String, Double> train(Dataset batch) {
        ModelSpec spec = model.spec();
        ComputationGraph net = model.network();
        Binding binding = Binding.of(spec, batch, "fit", true);
        // DL4J adds the L1/L2 penalty to the first output's score; it is taken back out of that output's own loss
        double penalty = spec.outputs().size() > 1 ? net.calcRegularizationScore(true) : 0;
        MultiDataSet dl4j = Dl4jBatches.of(spec, batch, binding);
        Sequences.weighSteps(net, dl4j.getLabels(), dl4j.getLabelsMaskArrays());
        net.fit(dl4j);
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", net.score());
        if (spec.outputs().size() > 1) {
            for (int o = 0; o < spec.outputs().size(); o++) {
                logs.put(spec.outputs().get(o) + "_loss", net.getOutputLayer(o).score() - (o == 0 ? penalty : 0));
            }
        }
        return logs;
    }

    @Override
    public Map<String, Double> evaluate(Dataset data) { return model.scores(data); }

    @Override
    public void epochDone() { model.network().incrementEpochCount(); }

    @Override
    public double learningRate() {
        ComputationGraph net = model.network();
        for (var layer : net.getLayers()) {
            Double lr = net.getLearningRate(layer.conf().getLayer().getLayerName());
            if (lr != null) return lr;
        }
        return Double.NaN;
    }

    @Override
    public void setLearningRate(double rate) {
        ComputationGraph net = model.network();
        boolean lean = net.getUpdater(false) instanceof LeanGraphUpdater;
        net.setLearningRate(rate);     // DL4J puts its own updater back
        if (lean) LeanGraphUpdater.install(net);
    }

    @Override
    public INDArray parameters() { return model.network().params().dup(); }

    @Override
    public void setParameters(INDArray parameters) { model.network().setParams(parameters); }

    @Override
    public void save(Path file) { model.save(file); }
}
