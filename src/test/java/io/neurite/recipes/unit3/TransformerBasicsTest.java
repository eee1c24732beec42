package io.neurite.recipes.unit3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.recipes.Recipes;
import io.neurite.train.Fit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Transformer lesson: one encoder block learns to reverse sequences, and its attention shows how. */
class TransformerBasicsTest {
    @Test
    @Tag("slow")
    void anEncoderBlockReversesSequencesByAttendingToTheMirroredStep() {
        assertEquals(3, Recipes.find("transformer-basics").orElseThrow().unit());
        var r = TransformerBasics.reverse(Fit.epochs(10).batchSize(64).quiet(), 2000, 1);
        System.out.printf("reversal: accuracy %.3f, anti-diagonal attention %.3f%n", r.accuracy(), r.antiDiagonal());
        // chance is 1/10 per token; without positions (or attention) a step cannot know which token to copy
        assertTrue(r.accuracy() > 0.9, "held-out per-token accuracy " + r.accuracy());
        // uniform attention puts 1/6 on the mirrored step
        assertTrue(r.antiDiagonal() > 0.5, "mean attention on the anti-diagonal " + r.antiDiagonal());
    }
}
