package io.neurite.layers;

/**
 * A layer cannot accept its input. {@code got} and {@code expected} describe the conflict, {@code fix} the likely
 * remedy; the model builder adds the layer's name.
 */
public final class ShapeMismatch extends RuntimeException {
    private final String got;
    private final String expected;
    private final String fix;

    public ShapeMismatch(String got, String expected, String fix) {
        super("got " + got + ", expected " + expected + (fix.isEmpty() ? "" : "; " + fix));
        this.got = got;
        this.expected = expected;
        this.fix = fix;
    }

    public String got() { return got; }

    public String expected() { return expected; }

    public String fix() { return fix; }
}
