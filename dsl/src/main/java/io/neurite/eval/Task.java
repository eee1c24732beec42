package io.neurite.eval;

/** What kind of prediction a loss trains, which decides the metrics that score it. */
public enum Task {
    /** One class of k (one-hot labels, softmax outputs). */
    CLASSIFICATION,
    /** Yes or no per output (0/1 labels, sigmoid outputs); one output is binary, several are multi-label. */
    BINARY,
    /** Yes or no as the sign of the output (labels -1 or +1), as in an SVM. */
    SIGNED,
    /** Real-valued targets. */
    REGRESSION
}
