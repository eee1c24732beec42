package io.neurite.recipes.unit3;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.data.Imdb;
import io.neurite.data.LabelledTexts;
import io.neurite.testing.FullData;
import io.neurite.train.Fit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The course's sentiment question on the full data: {@code neurite data fetch imdb}, then {@code mvn test -Pfull-data}
 * (skipped, with the fetch command, when the full IMDB is not in the data home). The embedding + LSTM of the recipe,
 * outputs averaged over the first 200 words, vocabulary of 20,000, 2 epochs, on the 25,000 training reviews; accuracy
 * on the 25,000 held-out ones at least 85% (Keras' bidirectional-LSTM example reports 84.3% after 2 epochs). Measured:
 * 84.0% after epoch 1, 86.2% after epoch 2, 374 s on a loaded 2-core machine.
 */
@Tag("full-data")
class ImdbFullDataTest {

    @Test
    void lstmReachesEightyFivePercentOnTheFullHeldOutReviews() {
        LabelledTexts.Split data = FullData.orSkip(Imdb::full);
        var t = ImdbSentiment.train(ImdbSentiment.Architecture.LSTM, data, ImdbSentiment.FULL,
                Fit.epochs(2).batchSize(64).quiet(), 1);
        System.out.println("IMDB full, LSTM held-out accuracy per epoch: "
                + java.util.Arrays.toString(t.history().metric("val_accuracy")));
        assertTrue(t.testAccuracy() >= 0.85, "LSTM accuracy on the 25,000 held-out IMDB reviews after 2 epochs: "
                + t.testAccuracy());
    }
}
