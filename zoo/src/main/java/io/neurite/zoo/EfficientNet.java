package io.neurite.zoo;

import static io.neurite.zoo.Zoo.convBn;

import io.neurite.core.Init;
import io.neurite.core.Shape;
import io.neurite.model.GraphBuilder;
import io.neurite.model.Model;
import io.neurite.model.Node;
import java.util.List;

/**
 * EfficientNet (Tan and Le, 2019) as torchvision builds it. B0 is a 3x3 stride-2 stem of 32 filters, seven stages of
 * MBConv blocks, a 1x1 convolution to 1280 channels, global average pooling, dropout and the classifier. An MBConv
 * block expands its input c_in to e * c_in channels with a 1x1 convolution (skipped when e = 1), filters each channel
 * on its own with a k x k depthwise convolution (carrying the stage's stride), gates the channels with
 * squeeze-and-excitation (max(1, c_in / 4) hidden units), projects to c_out with a 1x1 convolution, and, when the
 * shape is unchanged, adds its input back through drop-path. Every convolution is bias-free and followed by batch norm;
 * SiLU (x sigmoid(x)) follows all but the projection.
 *
 * <p>Compound scaling: one coefficient phi scales depth by alpha^phi, width by beta^phi and resolution by gamma^phi with
 * alpha = 1.2, beta = 1.1, gamma = 1.15 (alpha beta^2 gamma^2 ~ 2, so each step of phi about doubles the FLOPs). The
 * released B1-B7 use the rounded coefficients of {@link #SCALES}; channels are rounded to multiples of 8 and block
 * counts up.
 */
public final class EfficientNet {
    private EfficientNet() { }

    /** One stage of B0: expansion, kernel, stride of its first block, output channels, blocks. */
    public record Stage(int expand, int kernel, int stride, int channels, int blocks) { }

    /** B0's stages (the paper's Table 1). */
    public static final List<Stage> B0 = List.of(
            new Stage(1, 3, 1, 16, 1), new Stage(6, 3, 2, 24, 2), new Stage(6, 5, 2, 40, 2), new Stage(6, 3, 2, 80, 3),
            new Stage(6, 5, 1, 112, 3), new Stage(6, 5, 2, 192, 4), new Stage(6, 3, 1, 320, 1));

    /** A member of the family: width and depth multipliers, input resolution, dropout before the classifier. */
    public record Scale(String name, double width, double depth, int resolution, double dropout) {
        /** channels * width rounded to the nearest multiple of 8, never below 8 or 90% of the product. */
        public int channels(int base) {
            double v = base * width;
            int rounded = Math.max(8, (int) (v + 4) / 8 * 8);
            return rounded < 0.9 * v ? rounded + 8 : rounded;
        }

        /** ceil(blocks * depth). */
        public int blocks(int base) { return (int) Math.ceil(base * depth); }
    }

    /** B0-B7 as released (torchvision's and the reference TensorFlow code's coefficients). */
    public static final List<Scale> SCALES = List.of(
            new Scale("b0", 1.0, 1.0, 224, 0.2), new Scale("b1", 1.0, 1.1, 240, 0.2),
            new Scale("b2", 1.1, 1.2, 260, 0.3), new Scale("b3", 1.2, 1.4, 300, 0.3),
            new Scale("b4", 1.4, 1.8, 380, 0.4), new Scale("b5", 1.6, 2.2, 456, 0.4),
            new Scale("b6", 1.8, 2.6, 528, 0.5), new Scale("b7", 2.0, 3.1, 600, 0.5));

    /** The paper's compound-scaling rule for coefficient phi: {depth alpha^phi, width beta^phi, resolution gamma^phi}. */
    public static double[] compound(double phi) {
        return new double[] {Math.pow(1.2, phi), Math.pow(1.1, phi), Math.pow(1.15, phi)};
    }

    /** Drop-path rate of the last block; block b of n drops with rate 0.2 b / n. */
    public static final double DROP_PATH = 0.2;

    /** EfficientNet-B0: 5,288,548 parameters on 224x224x3 with 1000 classes. */
    public static Model efficientNetB0(Shape input, int classes) { return efficientNet(SCALES.get(0), input, classes); }

    /** Any member of the family, e.g. {@code efficientNet(SCALES.get(3), Shape.image(300, 300, 3), 1000)} for B3. */
    public static Model efficientNet(Scale s, Shape input, int classes) {
        Zoo.check("EfficientNet-" + s.name(), input, classes);
        GraphBuilder g = Model.graph("efficientnet-" + s.name());
        Node x = convBn(g.input("image", input), s.channels(32), 3, 2, 1).silu();
        int total = B0.stream().mapToInt(st -> s.blocks(st.blocks())).sum();
        int block = 0;
        for (Stage st : B0) {
            for (int b = 0; b < s.blocks(st.blocks()); b++, block++) {
                x = mbConv(x, st.expand(), st.kernel(), b == 0 ? st.stride() : 1, s.channels(st.channels()),
                        DROP_PATH * block / total);
            }
        }
        x = convBn(x, 4 * (int) x.shape().channels(), 1, 1, 0).silu();
        return g.output(x.globalAvgPool().named(Zoo.FEATURES).dropout(s.dropout()).dense(classes).softmax()).build();
    }

    /**
     * MBConv: expand (1x1, skipped for e = 1), depthwise k x k with {@code stride}, squeeze-and-excitation, project
     * (1x1, no activation); plus the input through drop-path when stride is 1 and channels are unchanged.
     */
    public static Node mbConv(Node x, int expand, int kernel, int stride, int out, double dropPath) {
        int in = (int) x.shape().channels();
        Node f = expand == 1 ? x : convBn(x, in * expand, 1, 1, 0).silu();
        f = f.depthwiseConv(kernel).stride(stride).padding(kernel / 2).noBias().init(Init.he()).batchNorm().silu();
        f = f.squeezeExcite(Math.max(1, in / 4));
        f = convBn(f, out, 1, 1, 0);
        return stride == 1 && in == out ? f.dropPath(dropPath).add(x) : f;
    }

    /**
     * A reduced EfficientNet for 28x28 or 32x32 images: a 3x3 stem of 16 filters, four MBConv blocks (expansion 1, 4, 4,
     * 4; kernels 3, 3, 5, 3; strides 1, 2, 2, 1; 16, 24, 40 and 40 channels, so 28 -> 14 -> 7, the first and last with
     * their residual and drop-path 0.05 / 0.1), a 1x1 convolution to 128 channels, global average pooling and the classes.
     */
    public static Model reduced(Shape input, int classes) {
        Zoo.check("EfficientNet (reduced)", input, classes);
        GraphBuilder g = Model.graph("efficientnet-reduced");
        Node x = convBn(g.input("image", input), 16, 3, 1, 1).silu();
        x = mbConv(x, 1, 3, 1, 16, 0.05);
        x = mbConv(x, 4, 3, 2, 24, 0);
        x = mbConv(x, 4, 5, 2, 40, 0);
        x = mbConv(x, 4, 3, 1, 40, 0.1);
        x = convBn(x, 128, 1, 1, 0).silu();
        return g.output(x.globalAvgPool().named(Zoo.FEATURES).dense(classes).softmax()).build();
    }
}
