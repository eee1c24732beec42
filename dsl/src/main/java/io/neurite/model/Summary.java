package io.neurite.model;

import io.neurite.core.Shape;
import io.neurite.core.Shape;
import io.neurite.layers.BatchNorm;
import io.neurite.layers.Frozen;
import io.neurite.spec.ModelSpec;
import io.neurite.spec.NodeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Keras-style table of a model: one row per layer with its type and settings, output shape, parameter count and
 * inputs, then total, trainable and non-trainable parameter counts.
 */
public record Summary(String modelName, List<Row> rows, long totalParams, long trainableParams) {

    /** One layer: name, type, settings, output shape, parameters, the layers it reads. */
    public record Row(String name, String type, String details, Shape outputShape, long params, List<String> inputs) { }

    /**
     * The summary of {@code spec} with the parameter count of each layer: frozen layers and batch-norm running
     * statistics (2 per channel) count as non-trainable.
     */
    public static Summary of(ModelSpec spec, Map<String, Long> params) {
        Map<String, Shape> shapes = spec.shapes();
        List<Row> rows = new ArrayList<>();
        long total = 0;
        long trainable = 0;
        for (String input : spec.inputs().keySet()) rows.add(new Row(input, "Input", "", shapes.get(input), 0, List.of()));
        for (NodeSpec node : spec.nodes()) {
            long count = params.get(node.name());
            long fixed = node.layer() instanceof Frozen ? count
                    : node.layer() instanceof BatchNorm ? 2 * BatchNorm.features(shapes.get(node.name())) : 0;
            total += count;
            trainable += count - fixed;
            rows.add(new Row(node.name(), node.layer().type(), node.layer().details(), shapes.get(node.name()), count,
                    node.inputs()));
        }
        return new Summary(spec.name(), rows, total, trainable);
    }

    public long nonTrainableParams() { return totalParams - trainableParams; }

    /** The row of the named layer. */
    public Row row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no layer '" + name + "' in " + modelName));
    }

    @Override
    public String toString() {
        String[] head = {"Layer (type)", "Output shape", "Params", "Connected to"};
        String[][] cells = new String[rows.size()][];
        int[] width = {head[0].length(), head[1].length(), head[2].length(), head[3].length()};
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            String type = r.type() + (r.details().isEmpty() ? "" : " " + r.details());
            cells[i] = new String[] {r.name() + " (" + type + ")", r.outputShape().toString(),
                    String.format("%,d", r.params()), String.join(", ", r.inputs())};
            for (int c = 0; c < 4; c++) width[c] = Math.max(width[c], cells[i][c].length());
        }
        String format = "%-" + width[0] + "s  %-" + width[1] + "s  %" + width[2] + "s  %-" + width[3] + "s%n";
        int total = width[0] + width[1] + width[2] + width[3] + 6;
        StringBuilder sb = new StringBuilder("Model: \"" + modelName + "\"\n");
        sb.append("=".repeat(total)).append('\n').append(String.format(format, (Object[]) head));
        sb.append("-".repeat(total)).append('\n');
        for (String[] c : cells) sb.append(String.format(format, (Object[]) c));
        sb.append("=".repeat(total)).append('\n');
        sb.append(String.format("Total params: %,d%nTrainable params: %,d%nNon-trainable params: %,d%n",
                totalParams, trainableParams, nonTrainableParams()));
        return sb.toString();
    }
}
