package io.neurite.convolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.factory.Nd4j;

class ConvArithmeticTest {

    @Test
    void publishedArchitectures() {
        assertEquals(224, ConvArithmetic.outputSize(224, 3, 1, 1), "VGG 3x3 'same' conv");
        assertEquals(55, ConvArithmetic.outputSize(227, 11, 0, 4), "AlexNet conv1: 227 -> 55");
        assertEquals(27, ConvArithmetic.outputSize(55, 3, 0, 2), "AlexNet overlapping max pool 3/2: 55 -> 27");
        assertEquals(28, ConvArithmetic.outputSize(32, 5, 0, 1), "LeNet-5 C1: 32 -> 28");
        assertEquals(14, ConvArithmetic.outputSize(28, 2, 0, 2), "LeNet-5 S2: 28 -> 14");
        assertEquals(3, ConvArithmetic.outputSize(4, 2, 0, 1), "the course's 4x4 * 2x2 example");
        assertEquals(1, ConvArithmetic.outputSize(5, 5, 0, 1));
    }

    /** ResNet's 7x7/2 conv with padding 3 on 224: (224 - 7 + 6) / 2 + 1 = 112.5, which frameworks floor to 112. */
    @Test
    void frameworksFloorWhatTheStrictFormulaRefuses() {
        assertThrows(IllegalArgumentException.class, () -> ConvArithmetic.outputSize(224, 7, 3, 2));
        assertEquals(112, ConvArithmetic.flooredOutputSize(224, 7, 3, 2), "ResNet conv1: 224 -> 112");
        assertEquals(56, ConvArithmetic.flooredOutputSize(112, 3, 1, 2), "ResNet max pool 3x3/2 pad 1: 112 -> 56");
        assertEquals(55, ConvArithmetic.flooredOutputSize(227, 11, 0, 4), "equal to outputSize when exact");
        assertEquals(54, ConvArithmetic.flooredOutputSize(224, 11, 0, 4), "AlexNet conv1 on 224 drops a partial window");
        assertThrows(IllegalArgumentException.class, () -> ConvArithmetic.flooredOutputSize(3, 5, 0, 1));
        // ND4J's native conv floors likewise: 10 wide, F=3, S=2 -> floor(7 / 2) + 1 = 4
        var conf = Conv2DConfig.builder().kH(3).kW(3).sH(2).sW(2).build();
        var out = Nd4j.cnn().conv2d(Nd4j.ones(DataType.DOUBLE, 1, 1, 10, 10), Nd4j.ones(DataType.DOUBLE, 3, 3, 1, 1), conf);
        assertEquals(ConvArithmetic.flooredOutputSize(10, 3, 0, 2), out.size(3));
    }

    @Test
    void samePadding() {
        assertEquals(0, ConvArithmetic.samePadding(1));
        assertEquals(1, ConvArithmetic.samePadding(3));
        assertEquals(2, ConvArithmetic.samePadding(5));
        for (int f : new int[] {1, 3, 5, 7}) {
            assertEquals(17, ConvArithmetic.outputSize(17, f, ConvArithmetic.samePadding(f), 1));
        }
        var e = assertThrows(IllegalArgumentException.class, () -> ConvArithmetic.samePadding(4));
        assertTrue(e.getMessage().contains("F=4") && e.getMessage().contains("1.5"), e.getMessage());
    }

    @Test
    void nonIntegerSizeNamesTheNumbers() {
        // (10 - 3 + 0) / 2 + 1 = 4.5
        var e = assertThrows(IllegalArgumentException.class, () -> ConvArithmetic.outputSize(10, 3, 0, 2));
        assertTrue(e.getMessage().contains("W=10, F=3, P=0, S=2"), e.getMessage());
        assertTrue(e.getMessage().contains("4.5"), e.getMessage());
        // 224 with AlexNet's conv1 (the paper's famous typo) does not tile: (224 - 11) / 4 + 1 = 54.25
        var alex = assertThrows(IllegalArgumentException.class, () -> ConvArithmetic.outputSize(224, 11, 0, 4));
        assertTrue(alex.getMessage().contains("54.25"), alex.getMessage());
    }

    @Test
    void filterLargerThanInput() {
        var e = assertThrows(IllegalArgumentException.class, () -> ConvArithmetic.outputSize(3, 5, 0, 1));
        assertTrue(e.getMessage().contains("W=3, F=5") && e.getMessage().contains("< 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConvArithmetic.outputSize(8, 3, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> ConvArithmetic.outputSize(8, 3, 0, 0));
    }
}
