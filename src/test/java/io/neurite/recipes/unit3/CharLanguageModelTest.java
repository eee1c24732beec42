package io.neurite.recipes.unit3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.generative.CharSampler;
import io.neurite.layers.Recurrent;
import io.neurite.recipes.Recipes;
import io.neurite.train.Fit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The language-model lesson: a simple RNN beats the smoothed trigram on held-out Hamlet, and writes from a prompt. */
class CharLanguageModelTest {
    /**
     * The recipe's simple RNN for 5 epochs (the recipe trains 8): about 2 minutes alone on 2 cores. Seen: held-out
     * perplexity 9.41 after epoch 1, 6.64 after epoch 5, against 6.83 for the trigram; a model that learned no more
     * than character frequencies sits near the unigram's.
     */
    @Test
    @Tag("slow")
    void simpleRnnBeatsTheTrigramOnHeldOutHamlet() {
        assertEquals(3, Recipes.find("char-language-model").orElseThrow().unit());
        var text = CharLanguageModel.Text.hamlet(Integer.MAX_VALUE);
        double trigram = text.trigramPerplexity();
        var cell = Recurrent.Cell.SIMPLE_RNN;
        var rnn = CharLanguageModel.train(cell, CharLanguageModel.model(cell, text.corpus(), CharLanguageModel.UNITS, 1),
                text, Fit.epochs(5).batchSize(32).quiet());
        System.out.printf("hamlet: trigram %.3f, simple RNN per epoch %s%n", trigram,
                java.util.Arrays.toString(rnn.perplexity()));
        assertEquals(5, rnn.perplexity().length);
        assertTrue(rnn.finalPerplexity() < trigram, "RNN " + rnn.finalPerplexity() + " vs trigram " + trigram);
        assertTrue(rnn.finalPerplexity() < rnn.perplexity()[0], "perplexity fell from epoch 1");
        String sample = CharSampler.of(rnn.model(), text.corpus(), CharLanguageModel.WINDOW)
                .continueFrom(CharLanguageModel.PROMPT, 100, 0.5, 1);
        System.out.println("sample at T = 0.5: " + sample);
        assertEquals(100, sample.length());
        assertTrue(sample.contains(" the ") || sample.contains(" and ") || sample.contains(" to "), sample);
    }
}
