package io.neurite.recipes.unit3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.data.Imdb;
import io.neurite.recipes.Recipes;
import io.neurite.train.Fit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * BERT pretraining on IMDB review text, one capped epoch: both heads train from the summed loss and the masked-word
 * head learns the words' frequencies (its held-out loss and accuracy at those of a model that knows only them). Reading
 * the context takes hundreds of steps more (see {@link BertPretrain}); that context is learned at all is
 * {@code model.BertPretrainingTest}'s.
 */
class BertPretrainTest {
    @Test
    @Tag("slow")
    void oneEpochOnReviewTextLearnsTheWordFrequencies() {
        assertEquals(3, Recipes.find("bert-pretrain").orElseThrow().unit());
        var size = new BertPretrain.Size(300, 32, 200, 64, 2, 128, 2, 1);
        var p = BertPretrain.pretrain(Imdb.mini(), size, 1e-3, Fit.epochs(1).batchSize(32).quiet(), 1);
        var h = p.history();
        System.out.printf("%d pairs: held-out MLM loss %.3f (word frequencies %.3f), accuracy %.3f (commonest word %.3f),"
                + " NSP accuracy %.3f%n", p.trainPairs(), h.last("val_mlm_loss"), p.frequencyLoss(), p.mlmAccuracy(),
                p.baseline(), p.nspAccuracy());
        assertTrue(p.trainPairs() > 1000, p.trainPairs() + " pairs");
        // a uniform guess over the 205 ids costs ln 205 = 5.32 nats; the words' frequencies alone about 4.6
        assertEquals(p.frequencyLoss(), h.last("val_mlm_loss"), 0.15, "held-out MLM loss at the word frequencies'");
        assertEquals(p.baseline(), p.mlmAccuracy(), 0.03, "held-out MLM accuracy at the commonest word's");
    }
}
