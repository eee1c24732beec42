package io.neurite.basics;

import io.neurite.convolution.Grids;
import io.neurite.util.SameDiffQuiet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Computational graphs of scalar expressions, evaluated forward and then differentiated backward by
 * ND4J SameDiff's reverse-mode automatic differentiation (backpropagation): the chain rule applied node by node,
 * each node's adjoint d(output)/d(node) being the sum over its consumers of their adjoint times the local derivative.
 */
public final class ComputationalGraphs {
    private static final Map<String, String> INFIX = Map.of("add", "+", "subtract", "-", "multiply", "*", "divide", "/");

    private ComputationalGraphs() {}

    /**
     * One node of an evaluated graph: its value and the derivative of the graph's output with respect to it
     * (NaN for constants, which are not differentiated).
     */
    public record Node(String name, String op, List<String> inputs, double value, double gradient) {
        public Node {
            inputs = List.copyOf(inputs);
        }

        /** {@code a + b} for the arithmetic operators, else {@code op(inputs)} such as {@code sin(x1)}. */
        public String expression() {
            String symbol = INFIX.get(op);
            return symbol != null && inputs.size() == 2 ? inputs.get(0) + " " + symbol + " " + inputs.get(1)
                    : op + "(" + String.join(", ", inputs) + ")";
        }

        /** For example {@code c = a + b   = 3   de/dc = 2}; inputs read {@code a   = 2   de/da = 2}. */
        public String render(String output) {
            String definition = op.isEmpty() ? name : name + " = " + expression();
            String line = String.format("%-22s = %-10s", definition, Grids.format(value));
            return Double.isNaN(gradient) ? line.strip()
                    : line + " d" + output + "/d" + name + " = " + Grids.format(gradient);
        }
    }

    /**
     * The result of evaluating a graph: the output's value, the partial derivative of the output with respect
     * to each input variable, and every node in evaluation order (variables, then constants, then operations).
     */
    public record Evaluation(String output, double value, Map<String, Double> partials, List<Node> nodes) {
        public Evaluation {
            partials = Collections.unmodifiableMap(new LinkedHashMap<>(partials)); // in the graph's order
            nodes = List.copyOf(nodes);
        }

        /** d(output)/d(variable); fails naming the variables there are if {@code variable} is not one. */
        public double partial(String variable) {
            Double d = partials.get(variable);
            if (d == null) {
                throw new IllegalArgumentException("no input variable '" + variable + "' in this graph; its inputs are "
                        + partials.keySet());
            }
            return d;
        }

        /** The graph as text, one node a line with its value and d(output)/d(node). */
        public String render() {
            StringBuilder text = new StringBuilder();
            for (Node n : nodes) text.append(n.render(output)).append('\n');
            return text.toString();
        }

        @Override
        public String toString() { return render(); }
    }

    /** The course's first graph, e = (a + b)(b + 1), with c = a + b and d = b + 1: de/da = b + 1, de/db = a + 2b + 1. */
    public static Evaluation productOfSums(double a, double b) {
        SameDiff sd = SameDiff.create();
        SDVariable va = sd.var("a", Nd4j.scalar(a));
        SDVariable vb = sd.var("b", Nd4j.scalar(b));
        SDVariable c = va.add("c", vb);
        SDVariable d = vb.add("d", sd.constant("1", Nd4j.scalar(1.0)));
        c.mul("e", d);
        return evaluate(sd, "e");
    }

    /**
     * The course's second graph, f(x1, x2) = x1 x2 + sin(x1), with u = x1 x2 and v = sin(x1):
     * df/dx1 = x2 + cos(x1) (x1 reaches f along two paths), df/dx2 = x1.
     */
    public static Evaluation productPlusSine(double x1, double x2) {
        SameDiff sd = SameDiff.create();
        SDVariable v1 = sd.var("x1", Nd4j.scalar(x1));
        SDVariable v2 = sd.var("x2", Nd4j.scalar(x2));
        SDVariable u = v1.mul("u", v2);
        SDVariable v = sd.math().sin("v", v1);
        u.add("f", v);
        return evaluate(sd, "f");
    }

    /**
     * Evaluates the scalar {@code output} of any SameDiff graph whose inputs are variables ({@code sd.var}) holding
     * scalars, and differentiates it with respect to every variable and intermediate node.
     */
    public static Evaluation evaluate(SameDiff sd, String output) {
        if (!sd.hasVariable(output)) {
            throw new IllegalArgumentException("the graph has no node '" + output + "'");
        }
        List<String> names = new ArrayList<>();
        Map<String, Node> defined = new LinkedHashMap<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() != VariableType.ARRAY) names.add(v.name());
        }
        for (DifferentialFunction op : sd.ops()) {
            for (String out : op.outputVariablesNames()) names.add(out);
        }
        Map<String, INDArray> values = sd.output(Map.of(), names.toArray(String[]::new));
        sd.setLossVariables(output);
        List<String> differentiable = names.stream()
                .filter(n -> sd.getVariable(n).getVariableType() != VariableType.CONSTANT).toList();
        Map<String, INDArray> gradients = SameDiffQuiet.call(() -> sd.calculateGradients(Map.of(), differentiable));

        List<Node> nodes = new ArrayList<>();
        Map<String, Double> partials = new LinkedHashMap<>();
        List<SDVariable> leaves = sd.variables().stream().filter(v -> v.getVariableType() != VariableType.ARRAY)
                .sorted(Comparator.comparing(v -> v.getVariableType() != VariableType.VARIABLE)).toList();
        for (SDVariable v : leaves) {
            double g = v.getVariableType() == VariableType.CONSTANT ? Double.NaN : gradient(gradients, v.name());
            nodes.add(new Node(v.name(), "", List.of(), scalar(values, v.name()), g));
            if (v.getVariableType() == VariableType.VARIABLE) partials.put(v.name(), g);
        }
        for (DifferentialFunction op : sd.ops()) {
            List<String> inputs = Arrays.stream(op.args()).map(SDVariable::name).toList();
            for (String out : op.outputVariablesNames()) {
                nodes.add(new Node(out, op.opName(), inputs, scalar(values, out), gradient(gradients, out)));
            }
        }
        return new Evaluation(output, scalar(values, output), partials, nodes);
    }

    private static double gradient(Map<String, INDArray> gradients, String name) {
        INDArray g = gradients.get(name);
        return g == null ? 0.0 : g.getDouble(0);
    }

    private static double scalar(Map<String, INDArray> values, String name) {
        INDArray v = values.get(name);
        if (v.length() != 1) {
            throw new IllegalArgumentException("node '" + name + "' has shape " + Arrays.toString(v.shape())
                    + "; these graphs are of scalars");
        }
        return v.getDouble(0);
    }
}
