package io.neurite.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;

/**
 * The hyperparameters to search, by name: {@code Space.of().logUniform("lr", 1e-4, 1e-1).uniform("dropout", 0, 0.5)
 * .integers("units", 16, 128).choice("batch", 16, 32, 64)}. Each dimension becomes an Arbiter parameter space, so
 * Arbiter's grid and random generators draw the candidates; a grid takes every choice and every integer (up to the
 * grid's points per range) and evenly spaced points of a range (evenly in log space for {@link #logUniform}).
 */
public final class Space {
    /** How a dimension is sampled; {@link #LOG_UNIFORM} is plotted against log10 of its values. */
    public enum Kind { UNIFORM, LOG_UNIFORM, INTEGERS, CHOICE }

    private final Map<String, Kind> kinds = new LinkedHashMap<>();
    private final Map<String, ParameterSpace<?>> spaces = new LinkedHashMap<>();
    private final Map<String, List<Object>> choices = new LinkedHashMap<>();

    private Space() { }

    /** An empty space; add dimensions with the methods below. */
    public static Space of() { return new Space(); }

    /** A real number drawn uniformly from [min, max] (a dropout rate, a momentum beta). */
    public Space uniform(String name, double min, double max) {
        checkRange(name, min, max, "uniform");
        return add(name, Kind.UNIFORM, new ContinuousParameterSpace(min, max));
    }

    /** A positive real number whose logarithm is uniform in [log min, log max] (a learning rate, an L2 factor). */
    public Space logUniform(String name, double min, double max) {
        checkRange(name, min, max, "logUniform");
        if (min <= 0) {
            throw new IllegalArgumentException("logUniform '" + name + "' needs min > 0, got " + min
                    + "; use uniform(...) for a range that includes 0");
        }
        return add(name, Kind.LOG_UNIFORM, new ContinuousParameterSpace(new LogUniformDistribution(min, max)));
    }

    /** An integer drawn uniformly from min to max, both included (hidden units, layers). */
    public Space integers(String name, int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException("integers '" + name + "' has min " + min + " > max " + max
                    + "; swap them");
        }
        return add(name, Kind.INTEGERS, new IntegerParameterSpace(min, max));
    }

    /** One of the given values, equally likely (batch sizes, optimizers, activations). */
    public Space choice(String name, Object... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("choice '" + name + "' has no values; give at least one");
        }
        choices.put(name, List.of(values));
        return add(name, Kind.CHOICE, new DiscreteParameterSpace<>(values));
    }

    /** The dimensions' names, in the order they were added. */
    public List<String> names() { return List.copyOf(kinds.keySet()); }

    /** How the dimension {@code name} is sampled. */
    public Kind kind(String name) {
        Kind kind = kinds.get(name);
        if (kind == null) throw new IllegalArgumentException("no dimension '" + name + "' in the space " + names());
        return kind;
    }

    /** A number to plot a value of {@code name} at: log10 for log-uniform, the value's index for a non-numeric choice. */
    double axisValue(String name, Object value) {
        if (kind(name) == Kind.LOG_UNIFORM) return Math.log10(((Number) value).doubleValue());
        if (value instanceof Number n) return n.doubleValue();
        return choices.getOrDefault(name, List.of()).indexOf(value);
    }

    /** The space as one Arbiter parameter space whose values are maps from dimension name to value. */
    ParameterSpace<Map<String, Object>> arbiter() {
        if (spaces.isEmpty()) {
            throw new IllegalStateException("the search space has no dimensions; add some with uniform(...), "
                    + "logUniform(...), integers(...) or choice(...)");
        }
        return new Named(new LinkedHashMap<>(spaces));
    }

    private Space add(String name, Kind kind, ParameterSpace<?> space) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a dimension needs a name");
        if (kinds.containsKey(name)) {
            throw new IllegalArgumentException("dimension '" + name + "' is defined twice; give each one a new name");
        }
        kinds.put(name, kind);
        spaces.put(name, space);
        return this;
    }

    private static void checkRange(String name, double min, double max, String what) {
        if (!(min < max) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException(what + " '" + name + "' needs finite min < max, got [" + min + ", "
                    + max + "]; use choice(...) for a single value");
        }
    }

    /** The named dimensions as one Arbiter space: leaves take their indices from Arbiter's generators. */
    private record Named(Map<String, ParameterSpace<?>> spaces) implements ParameterSpace<Map<String, Object>> {
        @Override
        public Map<String, Object> getValue(double[] input) {
            Map<String, Object> values = new LinkedHashMap<>();
            spaces.forEach((name, space) -> values.put(name, space.getValue(input)));
            return Collections.unmodifiableMap(values);
        }

        @Override
        public int numParameters() { return spaces.values().stream().mapToInt(ParameterSpace::numParameters).sum(); }

        @Override
        @SuppressWarnings("rawtypes")
        public List<ParameterSpace> collectLeaves() {
            List<ParameterSpace> leaves = new ArrayList<>();
            spaces.values().forEach(s -> leaves.addAll(s.collectLeaves()));
            return leaves;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Map<String, ParameterSpace> getNestedSpaces() { return new LinkedHashMap<>(spaces); }

        @Override
        public boolean isLeaf() { return false; }

        @Override
        public void setIndices(int... indices) {
            throw new UnsupportedOperationException("the named space is not a leaf; its leaves take indices "
                    + Arrays.toString(indices));
        }
    }
}
