package io.neurite.layers;

import java.io.Serializable;

/** Weight penalty added to the loss: l1 * sum|w| + l2 * sum w^2 / 2 (DL4J's convention for L2). Biases are not penalized. */
public record Penalty(double l1, double l2) implements Serializable {
    public static final Penalty NONE = new Penalty(0, 0);

    public Penalty {
        if (l1 < 0 || l2 < 0) throw new IllegalArgumentException("L1/L2 coefficients must be >= 0, got " + l1 + ", " + l2);
    }

    public Penalty withL1(double value) { return new Penalty(value, l2); }

    public Penalty withL2(double value) { return new Penalty(l1, value); }

    @Override
    public String toString() {
        return (l1 > 0 ? "l1=" + l1 : "") + (l1 > 0 && l2 > 0 ? ", " : "") + (l2 > 0 ? "l2=" + l2 : "");
    }
}
