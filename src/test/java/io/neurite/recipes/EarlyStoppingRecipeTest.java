package io.neurite.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.recipes.unit1.EarlyStoppingRecipe;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The early-stopping lesson: the curve turns, training stops PATIENCE epochs after its best, and the best comes back. */
@Tag("slow")
class EarlyStoppingRecipeTest {

    /**
     * Measured: the validation loss bottoms out at 0.591 at epoch 13 and ends at 0.808 after 40 epochs; training stops
     * after epoch 18; test loss 0.543 restored against 0.758 trained to the end. 30-50 s (two runs, 58 epochs).
     */
    @Test
    @Tag("slow")
    void stopsPatienceEpochsAfterTheBestValidationLossAndRestoresThatEpochsWeights() {
        var data = EarlyStoppingRecipe.data();
        var o = EarlyStoppingRecipe.run(data, EarlyStoppingRecipe.EPOCHS, EarlyStoppingRecipe.PATIENCE);
        double[] full = o.full().metric("val_loss");
        double[] stopped = o.stopped().metric("val_loss");
        String curve = "full run val loss " + Arrays.toString(full) + "; stopped run " + Arrays.toString(stopped)
                + "; best epoch " + o.bestEpoch();
        assertEquals(EarlyStoppingRecipe.EPOCHS, full.length, curve);
        // the curve turns: it falls first, and ends well above its lowest point
        double min = Arrays.stream(full).min().orElseThrow();
        assertTrue(full[0] > 1.1 * min && full[full.length - 1] > 1.2 * min, curve);
        // the best epoch is the stopped run's lowest val loss, and training ran exactly PATIENCE epochs past it
        int argMin = 0;
        for (int e = 1; e < stopped.length; e++) if (stopped[e] < stopped[argMin]) argMin = e;
        assertEquals(argMin + 1, o.bestEpoch(), curve);
        assertEquals(o.bestEpoch() + EarlyStoppingRecipe.PATIENCE, o.stoppedAt(), curve);
        assertTrue(o.stoppedAt() < EarlyStoppingRecipe.EPOCHS, curve);
        assertTrue(o.stopped().stopReason().isPresent(), curve);
        // the restored model is the best epoch's: its val loss is that epoch's, not the last epoch's
        double restored = o.restored().loss(data.validation());
        assertEquals(stopped[o.bestEpoch() - 1], restored, 1e-6 * restored, curve);
        assertTrue(stopped[stopped.length - 1] > restored, curve);
        // on test images, which decided nothing, the restored model beats the one trained to the end
        assertTrue(o.restored().loss(data.test()) < o.overfit().loss(data.test()), curve);
    }
}
