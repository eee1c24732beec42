package io.neurite.model;

import io.neurite.data.Dataset;
import io.neurite.spec.ModelSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Which array of a dataset feeds each input of a model and which labels each output: a one-array dataset feeds a
 * one-input (one-output) model whatever the names; otherwise arrays are matched by the model's input and output names.
 */
record Binding(List<String> features, List<String> labels) {

    static Binding of(ModelSpec spec, Dataset data, String call, boolean needLabels) {
        List<String> labels = needLabels ? match(spec.outputs(), data.labelNames(), "label", "outputs", spec, call)
                : List.of();
        return new Binding(match(List.copyOf(spec.inputs().keySet()), data.featureNames(), "feature", "inputs", spec, call),
                labels);
    }

    private static List<String> match(List<String> wanted, List<String> have, String what, String role, ModelSpec spec,
                                      String call) {
        if (wanted.size() == 1 && have.size() == 1) return have;
        List<String> out = new ArrayList<>();
        for (String name : wanted) {
            if (!have.contains(name)) {
                throw new IllegalArgumentException(call + ": model '" + spec.name() + "' has " + role + " " + wanted
                        + " but the data's " + what + " arrays are " + have + "; name each " + what
                        + " array after the " + role.substring(0, role.length() - 1) + " it belongs to");
            }
            out.add(name);
        }
        return out;
    }
}
