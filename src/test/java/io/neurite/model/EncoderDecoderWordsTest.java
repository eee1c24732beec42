package io.neurite.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The words a recurrent encoder-decoder is made of: lastRealStep, repeatAlong, concat of sequences, additiveAttention. */
class EncoderDecoderWordsTest {
    /** [y_t, x at its last real step] at every step t, read from a padded x: the context of d2l 10.7's decoder. */
    @Test
    void theLastRealStepRepeatedBesideEachStepOfAnotherSequence() {
        GraphBuilder g = Model.graph("context").dataType(DataType.DOUBLE);
        Node x = g.input("x", Shape.sequence(4, 2));
        Node y = g.input("y", Shape.sequence(3, 1));
        g.output(y.concat(x.lastRealStep().repeatAlong(y)));
        Model m = g.build().compile(Loss.mse(), Optimizer.sgd(0.1));
        assertEquals(Shape.sequence(3, 3), m.spec().shapes().get(m.spec().outputs().get(0)));
        INDArray xs = Nd4j.create(new double[][][] {{{1, 2}, {3, 4}, {5, 6}, {7, 8}}, {{1, 2}, {3, 4}, {9, 9}, {9, 9}}});
        INDArray ys = Nd4j.create(new double[][][] {{{10}, {11}, {12}}, {{20}, {21}, {22}}});
        INDArray mask = Nd4j.create(new double[][] {{1, 1, 1, 1}, {1, 1, 0, 0}});
        INDArray out = m.predict(Dataset.of(Map.of("x", xs, "y", ys), Map.of()).withMask("x", mask));   // [n, 3, 3]
        for (int t = 0; t < 3; t++) {
            assertEquals("[" + (10.0 + t) + ", 7.0, 8.0]", java.util.Arrays.toString(out.slice(0).getRow(t).toDoubleVector()));
            assertEquals("[" + (20.0 + t) + ", 3.0, 4.0]", java.util.Arrays.toString(out.slice(1).getRow(t).toDoubleVector()),
                    "the second sequence ends at its second step");
        }
    }

    @Test
    void misplacedWordsAreNamedWithTheirFix() {
        GraphBuilder concat = Model.graph("m");
        concat.output(concat.input("a", Shape.sequence(3, 2)).concat(concat.input("b", Shape.sequence(4, 2))));
        var steps = assertThrows(ModelDefinitionException.class, concat::build);
        assertTrue(steps.getMessage().contains("sequences of the same steps") && steps.getMessage().contains("vector.repeatAlong(sequence)"),
                steps.getMessage());
        GraphBuilder r = Model.graph("m");
        Node sequence = r.input("s", Shape.sequence(3, 2));
        r.output(sequence.repeatAlong(sequence));
        var repeat = assertThrows(ModelDefinitionException.class, r::build);
        assertTrue(repeat.getMessage().contains("a vector (features) to repeat"), repeat.getMessage());
        var last = assertThrows(ModelDefinitionException.class,
                () -> Model.sequential("m").input(Shape.vector(3)).lastRealStep().build());
        assertTrue(last.getMessage().contains("a sequence (steps, features) for LastStep"), last.getMessage());
        GraphBuilder g = Model.graph("m");
        Node memory = g.input("memory", Shape.vector(6));
        g.output(g.input("y", Shape.sequence(3, 4)).additiveAttention(memory, 8));
        var vector = assertThrows(ModelDefinitionException.class, g::build);
        assertTrue(vector.getMessage().contains("'additiveattention_1'") && vector.getMessage().contains("every step"),
                vector.getMessage());
    }

    /** h (d_q + d_m + 1) parameters: W_q [d_q, h], W_k [d_m, h], w_v [h]. */
    @Test
    void additiveAttentionHasQueryKeyAndScoreWeights() {
        GraphBuilder g = Model.graph("m");
        g.output(g.input("q", Shape.sequence(3, 4)).additiveAttention(g.input("memory", Shape.sequence(5, 6)), 8));
        Model m = g.build().compile(Loss.mse(), Optimizer.sgd(0.1));
        assertEquals(8 * (4 + 6 + 1), m.paramCount());
        assertEquals(Shape.sequence(3, 6), m.spec().shapes().get(m.spec().outputs().get(0)));
    }
}
