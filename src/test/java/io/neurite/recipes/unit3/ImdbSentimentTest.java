package io.neurite.recipes.unit3;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.train.Fit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The sentiment lesson: an embedding + LSTM beats chance on held-out reviews and reads typed sentences. */
class ImdbSentimentTest {
    /**
     * About 100 s on a loaded 2-core machine; seen: 72.7% (chance is 50%; the LSTM's last step alone gave 55.5%).
     * Full-data accuracy (>= 85%) is not checked yet.
     */
    @Test
    @Tag("slow")
    void lstmClassifiesHeldOutReviewsWellAboveChance() {
        var t = ImdbSentiment.train(Fit.epochs(4).batchSize(64).quiet(), 1);
        System.out.printf("imdb mini: LSTM test accuracy %.3f%n", t.testAccuracy());
        assertTrue(t.testAccuracy() >= 0.65, "test accuracy " + t.testAccuracy());
        assertTrue(t.positive("a wonderful, moving film with great acting") > t.positive("boring, predictable and far too long"));
    }
}
