package io.neurite.search;

import java.util.Map;

/**
 * One point of a {@link Space}: the values a model factory and a {@code Fit} tweak read by dimension name.
 * {@code index} numbers candidates from 0 in the order the strategy drew them.
 */
public record Candidate(int index, Map<String, Object> values) {
    public Candidate {
        values = Map.copyOf(values);
    }

    /** The value of {@code name}. */
    public Object get(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("candidate " + index + " has no hyperparameter '" + name + "'; the"
                    + " space defines " + values.keySet());
        }
        return value;
    }

    /** The value of {@code name} as a real number (a uniform or log-uniform range, or a numeric choice). */
    public double number(String name) {
        if (get(name) instanceof Number n) return n.doubleValue();
        throw new IllegalArgumentException("hyperparameter '" + name + "' of candidate " + index + " is "
                + get(name) + ", not a number; read it with get(\"" + name + "\")");
    }

    /** The value of {@code name} as an integer (an integer range, or a choice of integers). */
    public int integer(String name) {
        Object value = get(name);
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        throw new IllegalArgumentException("hyperparameter '" + name + "' of candidate " + index + " is " + value
                + " (" + value.getClass().getSimpleName() + "), not an integer; define it with integers(...) or a "
                + "choice of integers, or read it with number(\"" + name + "\")");
    }
}
