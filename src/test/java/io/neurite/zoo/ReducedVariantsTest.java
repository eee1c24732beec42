package io.neurite.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.core.Shape;
import io.neurite.model.Model;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The small variants build, initialize and map a batch of 28x28 or 32x32 images to one probability row per image. */
class ReducedVariantsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.neurite.testing.ReducedZooModels#all")
    void forwardPassGivesOneProbabilityRowPerImage(String name, BiFunction<Shape, Integer, Model> factory, Shape input) {
        Model model = factory.apply(input, 7);
        assertTrue(model.paramCount() < 2_000_000, name + " should stay small, has " + model.paramCount());
        model.compile(Loss.crossEntropy(), Optimizer.adam(1e-3));
        INDArray images = Nd4j.rand(DataType.FLOAT, 3, input.channels(), input.height(),
                input.width());
        INDArray out = model.predict(images);
        assertArrayEquals(new long[] {3, 7}, out.shape(), name);
        INDArray rowSums = out.sum(1);
        for (int i = 0; i < 3; i++) assertEquals(1.0, rowSums.getDouble(i), 1e-4, name + " softmax row " + i);
        model.summaryTable().row(Zoo.FEATURES); // every zoo model names its feature layer for transfer learning
    }

    @Test
    void reducedResNetHalvesSizeTwiceAndDoublesChannels() {
        var s = ResNet.reduced(Shape.image(28, 28, 1), 10).summaryTable();
        // Stem 3x3 'same' keeps 28; stride-2 blocks give ceil(28/2) = 14 and 7 with 32 and 64 channels.
        assertEquals(Shape.vector(64), s.row(Zoo.FEATURES).outputShape());
        assertTrue(s.rows().stream().anyMatch(r -> r.outputShape().equals(Shape.image(7, 7, 64))));
        assertTrue(s.rows().stream().anyMatch(r -> r.outputShape().equals(Shape.image(14, 14, 32))));
    }

    @Test
    void denseNetChannelsGrowByGrowthRatePerLayer() {
        // Stem 32; block of 4 layers with growth 12: 32 + 48 = 80; transition to 40; 88 -> 44; 92.
        var s = DenseNet.reduced(Shape.image(28, 28, 1), 10).summaryTable();
        assertEquals(Shape.vector(92), s.row(Zoo.FEATURES).outputShape());
    }

    @Test
    void nonImageInputIsRejectedWithTheModelName() {
        var e = assertThrows(IllegalArgumentException.class, () -> ResNet.resNet18(Shape.vector(784), 10));
        assertTrue(e.getMessage().contains("resnet18") && e.getMessage().contains("Shape.image"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Vgg.vgg11(Shape.image(224, 224, 3), 1));
    }
}
