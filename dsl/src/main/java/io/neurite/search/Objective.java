package io.neurite.search;

import io.neurite.data.Dataset;
import io.neurite.model.Model;
import java.util.function.ToDoubleBiFunction;

/**
 * What a search optimizes: a score of a trained model on the validation data, and whether lower or higher is better.
 * A score that is NaN or infinite marks the candidate failed.
 */
public record Objective(String name, ToDoubleBiFunction<Model, Dataset> score, boolean lowerIsBetter) {
    /** Mean validation loss (without L1/L2 penalties), lower is better; the default. */
    public static Objective validationLoss() { return new Objective("val_loss", Model::loss, true); }

    /** Validation accuracy of a classifier, higher is better. */
    public static Objective validationAccuracy() {
        return new Objective("val_accuracy", (model, data) -> model.evaluate(data).accuracy(), false);
    }

    /** True when score {@code a} is better than {@code b}. */
    boolean better(double a, double b) { return lowerIsBetter ? a < b : a > b; }
}
