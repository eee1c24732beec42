package io.neurite.recipes.unit3;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.data.Imdb;
import io.neurite.data.LabelledTexts;
import io.neurite.testing.FullData;
import io.neurite.train.Fit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The recipe's pretraining ({@link BertPretrain#MEASURED}: 1,000 reviews, each pair drawn 6 times, 2 epochs) on the
 * full IMDB's reviews ({@code neurite data fetch imdb}, then {@code mvn test -Pfull-data}; skipped without them): the
 * held-out masked-word loss well below the word frequencies' and the accuracy above the commonest word's by more than
 * its sampling error (about 0.007 on the ~1,500 masked positions scored), which a model blind to the context misses.
 */
@Tag("full-data")
class BertPretrainFullDataTest {

    @Test
    void pretrainedModelReadsTheContextOfHeldOutReviews() {
        LabelledTexts.Split data = FullData.orSkip(Imdb::full);
        var p = BertPretrain.pretrain(data, BertPretrain.MEASURED, 1e-3, Fit.epochs(2).batchSize(32).quiet(), 1);
        double loss = p.history().last("val_mlm_loss");
        System.out.printf("IMDB full, %d pairs: held-out MLM loss %.3f (word frequencies %.3f), accuracy %.3f (commonest"
                + " word %.3f), NSP accuracy %.3f%n", p.trainPairs(), loss, p.frequencyLoss(), p.mlmAccuracy(),
                p.baseline(), p.nspAccuracy());
        assertTrue(loss < p.frequencyLoss() - 0.2, "held-out MLM loss " + loss + " against " + p.frequencyLoss());
        assertTrue(p.mlmAccuracy() > p.baseline() + 0.02, "held-out MLM accuracy " + p.mlmAccuracy() + " against "
                + p.baseline());
    }
}
