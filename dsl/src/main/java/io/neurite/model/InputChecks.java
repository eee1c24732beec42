package io.neurite.model;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.spec.ModelSpec;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Fails with a message naming the array, its shape, the shape the model wants and the likely fix. */
final class InputChecks {
    private InputChecks() { }

    /** Checks every array {@code binding} takes from {@code data} against {@code spec}. */
    static void check(ModelSpec spec, Dataset data, Binding binding, String call) {
        List<String> inputs = List.copyOf(spec.inputs().keySet());
        for (int i = 0; i < inputs.size(); i++) {
            String array = binding.features().get(i);
            features(spec, inputs.get(i), data.features(array), call);
            mask(spec, inputs.get(i), data.mask(array), call);
        }
        for (int i = 0; i < binding.labels().size(); i++) {
            labels(spec, spec.outputs().get(i), data.labels(binding.labels().get(i)), call);
        }
    }

    /** Checks one input array: [batch, ...the input's array shape]. */
    static void features(ModelSpec spec, String input, INDArray features, String call) {
        Shape in = spec.inputs().get(input);
        long[] got = features.shape();
        long[] want = in.arrayShape();
        if (!fits(got, want)) {
            String hint = in.isImage() && got.length == 2 && got[1] == in.elements()
                    ? "; reshape flat pixels with dataset.asImages(" + in.height() + ", " + in.width() + ", "
                    + in.channels() + ")"
                    : in.isVector() && got.length > 2 ? "; flatten images with dataset.flattened()"
                    : in.isSequence() && got.length == 3 && got[2] == in.steps() && got[1] == in.features()
                    ? "; sequences are [batch, steps, features]: permute(0, 2, 1) an array in DL4J's [batch, features, steps]"
                    : "";
            throw new IllegalArgumentException(call + ": features have shape " + Arrays.toString(got) + " but model '"
                    + spec.name() + "' expects input '" + input + "' " + in + " as [batch, " + join(want) + "]" + hint);
        }
    }

    /** Refuses a mask (null: none) on an input that is not a sequence; {@link Dataset} checks a mask's shape. */
    static void mask(ModelSpec spec, String input, INDArray mask, String call) {
        Shape in = spec.inputs().get(input);
        if (mask != null && !in.isSequence() && !in.isTokens()) {
            throw new IllegalArgumentException(call + ": a mask was given for input '" + input + "' of model '"
                    + spec.name() + "', which reads " + in + ", not a sequence; masks mark the padded steps of sequences,"
                    + " so drop it");
        }
    }

    private static void labels(ModelSpec spec, String output, INDArray labels, String call) {
        Shape out = spec.shapes().get(output);
        long[] want = out.isSequence() || out.isImage() ? out.arrayShape() : new long[] {out.flatSize()};
        if (!fits(labels.shape(), want)) {
            long expected = want[want.length - 1];
            long last = labels.size(labels.rank() - 1);
            throw new IllegalArgumentException(call + ": labels have shape " + Arrays.toString(labels.shape())
                    + " but model '" + spec.name() + "' outputs " + expected + " values per "
                    + (out.isSequence() ? "step" : out.isImage() ? "pixel row" : "example")
                    + " (layer '" + output + "'); labels must be [batch, " + join(want) + "]"
                    + (expected > 1 && last == 1 ? " — one-hot encode class labels (Dataset.classification)" : ""));
        }
    }

    private static boolean fits(long[] got, long[] want) {
        boolean ok = got.length == want.length + 1;
        for (int d = 0; ok && d < want.length; d++) ok = want[d] == Shape.VARIABLE || got[d + 1] == want[d];
        return ok;
    }

    private static String join(long[] dims) {
        return String.join(", ", Arrays.stream(dims).mapToObj(d -> d == Shape.VARIABLE ? "steps" : Long.toString(d)).toList());
    }
}
