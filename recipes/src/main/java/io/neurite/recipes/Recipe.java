package io.neurite.recipes;

/**
 * A runnable lesson: it trains or computes something, prints the numbers the lesson is about and writes its plots as
 * PNG files into the context's output folder. Runs offline on embedded data in under two minutes on 2 cores.
 */
public interface Recipe {
    /** The name used on the command line, e.g. {@code digits-mlp}. */
    String name();

    /** The course unit it belongs to (1 = neural-network fundamentals). */
    int unit();

    /** One line saying what it shows. */
    String description();

    /** Whether {@code --full} changes its data (false when its embedded data is already the whole dataset). */
    default boolean hasFullData() { return false; }

    /** Whether it reads a text given with {@code --text} ({@link RecipeContext#text()}). */
    default boolean readsText() { return false; }

    void run(RecipeContext context);
}
