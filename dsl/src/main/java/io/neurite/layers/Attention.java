package io.neurite.layers;

import io.neurite.core.Shape;

/** What the attention layers ask of their queries' input. */
final class Attention {
    private Attention() { }

    /** {@code in} if it is a sequence whose features split evenly into {@code heads} heads, else a ShapeMismatch. */
    static Shape requireSequence(Shape in, int heads, String type) {
        if (!in.isSequence()) {
            throw new ShapeMismatch(in.kind().name().toLowerCase() + " " + in, "a sequence (steps, features) for " + type,
                    in.isTokens() ? "turn token ids into vectors first with .embedding(dimensions)"
                            : "declare the input as Shape.sequence(steps, features)");
        }
        if (in.features() % heads != 0) {
            throw new ShapeMismatch(in.features() + " features", "a multiple of the " + heads + " heads for " + type,
                    "choose a number of heads that divides " + in.features());
        }
        return in;
    }
}
