package io.neurite.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.data.BertPairs;
import io.neurite.data.Dataset;
import io.neurite.data.Vocabulary;
import io.neurite.train.Fit;
import io.neurite.train.History;
import io.neurite.train.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Both pretraining heads trained by one summed loss, on texts built so that each task has a cue only the context
 * gives: every word "aK" is followed by its partner "bK" (a masked bK is read off its left neighbour), and each text
 * draws its words from a topic of its own (a random second sentence comes, 5 times in 6, from another topic).
 * Sentences hold 1 to 3 pairs, so batches have several lengths.
 */
class BertPretrainingTest {
    private static List<String> texts(int n, Random random) {
        List<String> out = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            int topic = random.nextInt(6);
            StringBuilder text = new StringBuilder();
            for (int s = 0; s < 4; s++) {
                for (int w = 0, pairs = 1 + random.nextInt(3); w < pairs; w++) {
                    int k = topic * 5 + random.nextInt(5);
                    text.append(" a").append(k).append(" b").append(k);
                }
                text.append('.');
            }
            out.add(text.toString());
        }
        return out;
    }

    @Test
    @Tag("slow")
    void bothHeadsLearnTheirContextCuesFromOneSummedLoss() {
        Random random = new Random(1);
        List<String> train = texts(400, random);
        Vocabulary vocabulary = Vocabulary.withBertMarks(train, 100);
        BertPairs pairs = BertPairs.of(vocabulary, 16);
        Dataset data = pairs.examples(train, 2);
        Dataset heldOut = pairs.examples(texts(100, random), 3);
        BertPretraining bert = new BertPretraining(Bert.pretraining(vocabulary.size(), 16, 32, 2, 64, 1,
                Optimizer.adam(3e-3), 4));
        History h = bert.fit(data, Fit.epochs(4).batchSize(32).validation(heldOut).quiet());
        double baseline = BertPretraining.mostFrequentWordAccuracy(data, heldOut);
        System.out.printf("held-out MLM accuracy %.3f (commonest word %.3f), NSP accuracy %.3f%n",
                h.last("val_mlm_accuracy"), baseline, h.last("val_nsp_accuracy"));
        // 30 partner pairs: guessing the commonest word is right about 1 time in 60; a model that ignores the left
        // neighbour cannot know a masked bK
        assertTrue(baseline < 0.05, "baseline " + baseline);
        assertTrue(h.last("val_mlm_accuracy") > 0.25, "held-out MLM accuracy " + h.last("val_mlm_accuracy"));
        // 300 held-out pairs: chance is 0.5 +- 0.03
        assertTrue(h.last("val_nsp_accuracy") > 0.6, "held-out NSP accuracy " + h.last("val_nsp_accuracy"));
        // the step's loss is the sum of both heads' (DL4J's scores), and evaluate's head losses are the model's own
        for (int e = 1; e <= h.epochs(); e++) {
            Map<String, Double> logs = h.epoch(e);
            assertEquals(logs.get("mlm_loss") + logs.get("nsp_loss"), logs.get("loss"), 1e-6);
        }
        Dataset sample = heldOut.take(64);
        Map<String, Double> own = bert.model().scores(bert.expanded(sample));
        Map<String, Double> evaluated = bert.evaluate(sample);
        assertEquals(own.get("mlm_loss"), evaluated.get("mlm_loss"), 1e-4);
        assertEquals(own.get("nsp_loss"), evaluated.get("nsp_loss"), 1e-4);
    }

    @Test
    void theNextSentenceBaselineAnswersTheScoredPairsCommonerClass() {
        // 'is next' once in 4: always 'not next' scores 3/4
        Dataset mostlyNotNext = nsp(new double[][] {{1, 0}, {0, 1}, {1, 0}, {1, 0}});
        assertEquals(0.75, BertPretraining.constantNextSentenceAccuracy(mostlyNotNext), 1e-12);
        // 'is next' 3 times in 5: always 'is next' scores 3/5
        Dataset mostlyNext = nsp(new double[][] {{0, 1}, {1, 0}, {0, 1}, {1, 0}, {0, 1}});
        assertEquals(0.6, BertPretraining.constantNextSentenceAccuracy(mostlyNext), 1e-12);
    }

    private static Dataset nsp(double[][] oneHot) {
        return Dataset.of(Map.of(BertPairs.TOKENS, org.nd4j.linalg.factory.Nd4j.zeros(oneHot.length, 5)),
                Map.of(BertPairs.NSP, org.nd4j.linalg.factory.Nd4j.createFromArray(oneHot)));
    }
}
