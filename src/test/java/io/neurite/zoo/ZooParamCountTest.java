package io.neurite.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.neurite.core.Shape;
import io.neurite.model.Model;
import io.neurite.model.Summary;
import org.junit.jupiter.api.Test;

/**
 * Every full-size zoo model's parameter count against a named reference at the same input size and classes. Counts
 * come from the compiled DL4J configuration; no weights are allocated.
 *
 * <p>torchvision figures are the {@code "num_params"} entries in the {@code meta} of each model's weights enum
 * ({@code torchvision/models/alexnet.py}, {@code vgg.py}, {@code googlenet.py}, {@code resnet.py},
 * {@code densenet.py}; ImageNet-1K, 1000 classes, 224x224x3). torchvision counts {@code parameters()}: for batch norm
 * that is gamma and beta only, not the running mean and variance (buffers). DL4J stores those two statistics as
 * parameters too, so models with batch norm are compared on {@link Summary#trainableParams()} and their
 * non-trainable count is checked to be exactly 2 per normalized channel.
 */
class ZooParamCountTest {
    private static final Shape IMAGENET = Shape.image(224, 224, 3);

    @Test
    void lenet5MatchesTheHandCount() {
        // 5*5*1*6+6 = 156; 5*5*6*16+16 = 2,416; 400*120+120 = 48,120; 120*84+84 = 10,164; 84*10+10 = 850.
        assertEquals(61_706, LeNet.lenet5(Shape.image(32, 32, 1), 10).paramCount());
        assertEquals(61_706, LeNet.lenet5Mnist(Shape.image(28, 28, 1), 10).paramCount());
    }

    @Test
    void alexNetMatchesTorchvision() {
        assertEquals(61_100_840, AlexNet.alexNet(IMAGENET, 1000).paramCount());
        // 227x227 (the paper's size) also pools to 6x6 before the classifier.
        assertEquals(61_100_840, AlexNet.alexNet(Shape.image(227, 227, 3), 1000).paramCount());
    }

    @Test
    void vggMatchesTorchvision() {
        assertEquals(132_863_336, Vgg.vgg11(IMAGENET, 1000).paramCount());
        assertEquals(133_047_848, Vgg.vgg13(IMAGENET, 1000).paramCount());
        assertEquals(138_357_544, Vgg.vgg16(IMAGENET, 1000).paramCount());
        assertEquals(143_667_240, Vgg.vgg19(IMAGENET, 1000).paramCount());
    }

    /**
     * No torchvision NiN; reference is Dive into Deep Learning's NiN (section 8.3) on its 224x224x1 Fashion-MNIST
     * input with 10 classes, counted by hand (weights k*k*c_in*c_out + c_out biases):
     * block 1: 11*11*1*96+96 = 11,712, two 1x1: 2*(96*96+96) = 18,624 -> 30,336;
     * block 2: 5*5*96*256+256 = 614,656, 2*(256*256+256) = 131,584 -> 746,240;
     * block 3: 3*3*256*384+384 = 885,120, 2*(384*384+384) = 295,680 -> 1,180,800;
     * block 4: 3*3*384*10+10 = 34,570, 2*(10*10+10) = 220 -> 34,790;
     * total 30,336 + 746,240 + 1,180,800 + 34,790 = 1,992,166.
     */
    @Test
    void ninMatchesTheHandCountOfD2lsNin() {
        assertEquals(1_992_166, NiN.nin(Shape.image(224, 224, 1), 10).paramCount());
    }

    /**
     * torchvision's googlenet has 3x3 kernels where the paper has 5x5 (pytorch/vision#906). The paper version has
     * (25 - 9) * c5Reduce * c5 more weights per block: 16 * (16*32 + 32*96 + 16*48 + 24*64 + 24*64 + 32*64 + 32*128
     * + 32*128 + 48*128) = 16 * 23,808 = 380,928.
     */
    @Test
    void googLeNetMatchesTorchvisionWithoutAuxiliaryClassifiers() {
        assertTrainable(6_624_904, GoogLeNet.googLeNetTorchvision(IMAGENET, 1000));
        assertTrainable(6_624_904 + 380_928, GoogLeNet.googLeNet(IMAGENET, 1000));
    }

    /**
     * torchvision's efficientnet_b0 and _b1 (the same B0 stages, depth 1.1 for B1, at their resolutions 224 and 240);
     * the counts do not depend on the resolution. Batch-norm running statistics are non-trainable.
     */
    @Test
    void efficientNetMatchesTorchvision() {
        assertTrainable(5_288_548, EfficientNet.efficientNetB0(IMAGENET, 1000));
        assertTrainable(7_794_184, EfficientNet.efficientNet(EfficientNet.SCALES.get(1), Shape.image(240, 240, 3), 1000));
    }

    @Test
    void resNetMatchesTorchvision() {
        assertTrainable(11_689_512, ResNet.resNet18(IMAGENET, 1000));
        assertTrainable(21_797_672, ResNet.resNet34(IMAGENET, 1000));
        assertTrainable(25_557_032, ResNet.resNet50(IMAGENET, 1000));
        assertTrainable(44_549_160, ResNet.resNet101(IMAGENET, 1000));
        assertTrainable(60_192_808, ResNet.resNet152(IMAGENET, 1000));
    }

    @Test
    void denseNet121MatchesTorchvision() {
        assertTrainable(7_978_856, DenseNet.denseNet121(IMAGENET, 1000));
    }

    /** Trainable params equal the reference; non-trainable ones are exactly BN's running mean and variance. */
    private static void assertTrainable(long reference, Model model) {
        Summary s = model.summaryTable();
        assertEquals(reference, s.trainableParams(), model.name());
        long bnChannels = s.rows().stream().filter(r -> r.type().equals("BatchNorm"))
                .mapToLong(r -> r.outputShape().channels()).sum();
        assertEquals(2 * bnChannels, s.nonTrainableParams(), model.name());
    }
}
