package io.neurite.model;

import io.neurite.compile.Backprop;
import io.neurite.compile.Parameters;
import io.neurite.compile.Sequences;
import io.neurite.spec.ModelSpec;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One training-mode pass through a model, taken apart for a training step written by hand ({@link Model#forward}):
 * the outputs, then a backward pass from the model's own losses ({@link #backward}) or from errors given at its
 * outputs ({@link #backwardFrom}), then the gradients, which can be read and added to, the error that reached each
 * input ({@link #inputGradient}), and an optimizer step ({@link #update}). Models chain: the input gradient of one pass
 * is the error at the outputs of the pass that fed it, as in a GAN's generator step:
 * <pre>{@code
 * Pass g = generator.forward(noise);
 * Pass d = discriminator.forward(g.output());
 * d.backward(ones);                  // the discriminator's loss as if the fakes were real
 * g.backwardFrom(d.inputGradient()); // through the discriminator, into the generator
 * g.update();                        // only the generator moves: the discriminator stays as it was
 * }</pre>
 * As in DL4J, gradients are of the batch's summed loss (the optimizer divides by the batch size) and errors are given
 * per example, dl/d(output) for each row. A pass is valid until the model's next pass or training step.
 */
public final class Pass {
    private final Model model;
    private final Map<String, INDArray> activations;
    private final int batchSize;
    private final Map<String, INDArray> inputGradients = new java.util.LinkedHashMap<>();
    private boolean backwardDone;

    Pass(Model model, INDArray[] inputs, INDArray[] masks) {
        this.model = model;
        this.batchSize = (int) inputs[0].size(0);
        this.activations = Backprop.forward(model.network(), inputs, masks);
    }

    /** The single output of the model, in the user's layout. */
    public INDArray output() { return output(model.spec().outputs().get(0)); }

    /** The output named {@code name}, in the user's layout. */
    public INDArray output(String name) {
        if (!model.spec().outputs().contains(name)) {
            throw new IllegalArgumentException("model '" + model.name() + "' has no output '" + name + "'; outputs: "
                    + model.spec().outputs());
        }
        return activation(name);
    }

    /** The output of any layer in this pass (training mode: dropout applied), in the user's layout. */
    public INDArray activation(String layer) {
        INDArray a = activations.get(layer);
        if (a == null) model.spec().node(layer);
        return Sequences.fromDl4j(a, model.spec().shapes().get(layer));
    }

    /**
     * Backward pass from the model's own losses against {@code labels} (one array per output, in output order);
     * returns the loss averaged over the batch, as {@code fit} logs it (without L1/L2 penalties).
     */
    public double backward(INDArray... labels) {
        ModelSpec spec = model.spec();
        if (model.losses().isEmpty()) {
            throw new IllegalStateException("model '" + model.name() + "' was compiled without a loss: give the error at"
                    + " its outputs with backwardFrom(...), or compile it with a loss");
        }
        requireOnePerOutput(labels, "labels");
        INDArray[] dl4j = new INDArray[labels.length];
        for (int o = 0; o < labels.length; o++) dl4j[o] = Sequences.toDl4j(labels[o], spec.shapes().get(spec.outputs().get(o)));
        double loss = Backprop.backward(model.network(), dl4j, null);
        backwardDone();
        return loss;
    }

    /** Backward pass from {@code errors}, dl/d(output) per example (one array per output), for a model compiled without a loss. */
    public void backwardFrom(INDArray... errors) {
        ModelSpec spec = model.spec();
        if (!model.losses().isEmpty()) {
            throw new IllegalStateException("model '" + model.name() + "' has its own loss: call backward(labels), or"
                    + " compile it with compile(optimizer) alone to give errors from outside");
        }
        requireOnePerOutput(errors, "errors");
        INDArray[] dl4j = new INDArray[errors.length];
        for (int o = 0; o < errors.length; o++) dl4j[o] = Sequences.toDl4j(errors[o], spec.shapes().get(spec.outputs().get(o)));
        Backprop.backwardFrom(model.network(), dl4j);
        backwardDone();
    }

    /** dl/d(input) per example of the single input: the error to hand to the model that produced the input. */
    public INDArray inputGradient() { return inputGradient(model.spec().inputs().keySet().iterator().next()); }

    /** dl/d(input) per example of the input named {@code input}. */
    public INDArray inputGradient(String input) {
        requireBackward("inputGradient");
        INDArray g = inputGradients.get(input);
        if (g == null) {
            throw new IllegalArgumentException("model '" + model.name() + "' has no input '" + input + "'; inputs: "
                    + model.spec().inputs().keySet());
        }
        return g;
    }

    /** Keeps the errors that reached the inputs: the network forgets them at its next call. */
    private void backwardDone() {
        for (String input : model.spec().inputs().keySet()) {
            inputGradients.put(input, Sequences.fromDl4j(Backprop.inputGradient(model.network(), input),
                    model.spec().inputs().get(input)).dup());
        }
        backwardDone = true;
    }

    /**
     * The gradient of {@code param} ("W" weights in the layout {@link Model#weights} shows, "b" biases) of
     * {@code layer}: a live view, so {@code gradient("code", "W").addi(extra)} adds a term before {@link #update}.
     */
    public INDArray gradient(String layer, String param) {
        requireBackward("gradient");
        model.spec().node(layer);
        INDArray g = Backprop.gradient(model.network()).getGradientFor(layer + "_" + param);
        if (g == null) {
            throw new IllegalArgumentException("layer '" + layer + "' of model '" + model.name() + "' has no parameter '"
                    + param + "' with a gradient");
        }
        return "W".equals(param) ? Parameters.canonical(model.network().getLayer(layer), g) : g;
    }

    /**
     * ||g||_2 over every parameter of the model, g the gradient of the batch's mean loss, before any clipping: the norm
     * that PyTorch's {@code clip_grad_norm_} returns, and the size of the step plain SGD would take, divided by its rate.
     */
    public double gradientNorm() {
        requireBackward("gradientNorm");
        return Backprop.gradient(model.network()).gradient().norm2Number().doubleValue() / batchSize;
    }

    /** One step of the model's optimizer with this pass's gradients; a model whose pass is not updated stays frozen. */
    public void update() {
        requireBackward("update");
        Backprop.update(model.network(), batchSize);
    }

    private void requireOnePerOutput(INDArray[] arrays, String what) {
        List<String> outputs = model.spec().outputs();
        if (arrays.length != outputs.size()) {
            throw new IllegalArgumentException("model '" + model.name() + "' has outputs " + outputs + ": give one array of "
                    + what + " per output, got " + arrays.length);
        }
    }

    private void requireBackward(String call) {
        if (!backwardDone) throw new IllegalStateException(call + "() needs backward(...) or backwardFrom(...) first");
    }

    ComputationGraph network() { return model.network(); }
}
