package io.neurite.model;

import io.neurite.layers.ActivationLayer;
import io.neurite.layers.WeightedLayer;
import io.neurite.spec.NodeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Folds a graph's activation layers into the weighted layer before them where nothing else can tell: the weighted
 * layer has no activation of its own, is not an output, and the activation is its only reader. {@code h.relu()} then
 * computes as one layer (as {@code conv(6, 5).relu()} does in a sequential model), while in
 * {@code var a = h.relu(); a.add(h)} the pre-activation {@code h} is read twice and stays its own value. The fused layer
 * keeps the weighted layer's name unless the user named the activation.
 */
final class ActivationFusion {
    private ActivationFusion() { }

    record Result(List<NodeSpec> nodes, List<String> outputs) { }

    static Result apply(List<NodeSpec> nodes, List<String> outputs, Set<String> userNamed) {
        List<NodeSpec> current = new ArrayList<>(nodes);
        List<String> outs = new ArrayList<>(outputs);
        for (NodeSpec act : nodes) {
            if (!(act.layer() instanceof ActivationLayer a) || act.inputs().size() != 1) continue;
            String before = act.inputs().get(0);
            NodeSpec weighted = current.stream().filter(n -> n.name().equals(before)).findFirst().orElse(null);
            if (weighted == null || !(weighted.layer() instanceof WeightedLayer w) || !w.activation().isLinear()
                    || outs.contains(before) || readers(current, before) != 1) {
                continue;
            }
            String name = userNamed.contains(act.name()) ? act.name() : before;
            NodeSpec fused = new NodeSpec(name, w.withActivation(a.activation()), weighted.inputs());
            Map<String, String> renamed = Map.of(act.name(), name, before, name);
            UnaryOperator<String> rename = n -> renamed.getOrDefault(n, n);
            current = current.stream()
                    .filter(n -> !n.name().equals(act.name()))
                    .map(n -> n.name().equals(before) ? fused
                            : new NodeSpec(n.name(), n.layer(), n.inputs().stream().map(rename).toList()))
                    .collect(Collectors.toCollection(ArrayList::new));
            outs.replaceAll(rename);
        }
        return new Result(current, outs);
    }

    private static long readers(List<NodeSpec> nodes, String name) {
        return nodes.stream().filter(n -> n.inputs().contains(name)).count();
    }
}
