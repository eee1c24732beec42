package io.neurite.model;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.neurite.core.Shape;

import io.neurite.data.Dataset;
import io.neurite.train.Fit;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.factory.Nd4j;

/** Mistakes fail early with a message that names the layer, what it got, what it expected and a fix. */
class ModelErrorsTest {

    private static String message(Class<? extends Throwable> type, Executable e) {
        return assertThrows(type, e).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        assertAll(java.util.Arrays.stream(parts).map(p -> () ->
                assertTrue(message.contains(p), "message should mention '" + p + "': " + message)));
    }

    @Test
    void convolutionOnVectorInputNamesLayerAndFix() {
        String m = message(ModelDefinitionException.class, () ->
                Model.sequential("m").input(Shape.vector(784)).conv(6, 5).build());
        assertMentions(m, "conv2d_1", "(784)", "image", "Shape.image");
    }

    @Test
    void kernelLargerThanInputSuggestsSamePadding() {
        String m = message(ModelDefinitionException.class, () ->
                Model.sequential("m").input(Shape.image(8, 8, 1)).conv(4, 5).maxPool(2).conv(4, 5).build());
        assertMentions(m, "conv2d_2", "(2, 2, 4)", "5x5", ".same()");
    }

    @Test
    void residualAdditionOfDifferentShapesSuggestsProjection() {
        GraphBuilder g = Model.graph("res");
        Node x = g.input("image", Shape.image(8, 8, 16));
        Node y = x.conv(32, 3).same();
        String m = message(ModelDefinitionException.class, () -> g.output(y.add(x).dense(2)).build());
        assertMentions(m, "add_1", "(8, 8, 32)", "(8, 8, 16)", "1x1 convolution");
    }

    @Test
    void modifierOnWrongLayerSaysWhereToPutIt() {
        String m = message(ModelDefinitionException.class, () ->
                Model.sequential("m").input(Shape.vector(4)).dense(3).same());
        assertMentions(m, "same()", "dense_1", "right after");
    }

    @Test
    void layerBeforeInputAndUnusedBranchesAreReported() {
        assertMentions(message(ModelDefinitionException.class, () -> Model.sequential("m").dense(3)), "input first");
        GraphBuilder g = Model.graph("g");
        Node x = g.input("x", Shape.vector(4));
        x.dense(7).named("orphan");
        assertMentions(message(ModelDefinitionException.class, () -> g.output(x.dense(2)).build()), "orphan", "output");
        assertMentions(message(ModelDefinitionException.class, () ->
                Model.sequential("m").input(Shape.vector(4)).dense(3).named("a").dense(3).named("a")), "'a'", "unique");
    }

    @Test
    void wrongFeatureAndLabelShapesFailClearlyAtFit() {
        Model m = Model.sequential("img").input(Shape.image(4, 4, 1)).conv(2, 3).dense(3).softmax().build()
                .compile(Loss.crossEntropy(), Optimizer.sgd(0.1));
        Dataset flat = Dataset.of(Nd4j.rand(5, 16), Nd4j.rand(5, 3));
        assertMentions(message(IllegalArgumentException.class, () -> m.fit(flat, Fit.epochs(1).quiet())),
                "fit", "[5, 16]", "(4, 4, 1)", "asImages(4, 4, 1)");
        Dataset badLabels = Dataset.of(Nd4j.rand(5, 1, 4, 4), Nd4j.rand(5, 1));
        assertMentions(message(IllegalArgumentException.class, () -> m.fit(badLabels, Fit.epochs(1).quiet())),
                "labels", "3 values", "one-hot");
    }

    @Test
    void usingAModelBeforeCompileSaysSo() {
        Model m = Model.sequential("m").input(Shape.vector(2)).dense(1).build();
        assertMentions(message(IllegalStateException.class, () -> m.predict(new double[][] {{1, 2}})),
                "compile(loss, optimizer)", "'m'");
    }
}
