package io.neurite.search;

import java.util.Map;

/**
 * One candidate's outcome: its values, the objective's score on the validation data after its last epoch (NaN when
 * it failed), the epochs it trained in all, its seconds of training and scoring, and a note (why it failed or stopped).
 */
public record Trial(int index, Map<String, Object> values, Status status, double score, int epochs, double seconds,
        String note) {
    /** How a candidate ended. */
    public enum Status {
        /** Trained for all the search's epochs. */
        COMPLETED,
        /** Stopped before the full epochs by successive halving: a better candidate took its place. */
        STOPPED_EARLY,
        /** Its factory or training threw, its training diverged, or its score was NaN or infinite. */
        FAILED
    }

    public Trial {
        values = Map.copyOf(values);
        note = note == null ? "" : note;
    }

    /** True unless it failed. */
    public boolean succeeded() { return status != Status.FAILED; }
}
