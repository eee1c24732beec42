package io.neurite.recipes.unit2;

import io.neurite.core.Shape;
import io.neurite.model.Model;
import io.neurite.model.Summary;
import io.neurite.plot.Chart;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.zoo.AlexNet;
import io.neurite.zoo.DenseNet;
import io.neurite.zoo.EfficientNet;
import io.neurite.zoo.GoogLeNet;
import io.neurite.zoo.LeNet;
import io.neurite.zoo.NiN;
import io.neurite.zoo.ResNet;
import io.neurite.zoo.Vgg;
import java.util.List;
import java.util.function.Supplier;

/**
 * The classic architectures side by side: each zoo model at its published size (224x224x3, 1000 classes; LeNet-5 on
 * 32x32x1, 10 classes) with its layer count and parameter count, the reduced variants that train here in minutes, and
 * LeNet-5's and the reduced ResNet's summaries. Nothing is trained and no weights are allocated.
 */
public final class Architectures implements Recipe {
    private static final Shape IMAGENET = Shape.image(224, 224, 3);
    private static final Shape MNIST = Shape.image(28, 28, 1);

    /** A named way to build one architecture. */
    public record Entry(String name, Supplier<Model> model) { }

    /** The published-size models, in the order the course meets them. */
    public static final List<Entry> FULL = List.of(
            new Entry("LeNet-5 (32x32x1, 10)", () -> LeNet.lenet5(Shape.image(32, 32, 1), 10)),
            new Entry("AlexNet", () -> AlexNet.alexNet(IMAGENET, 1000)),
            new Entry("VGG-11", () -> Vgg.vgg11(IMAGENET, 1000)),
            new Entry("VGG-16", () -> Vgg.vgg16(IMAGENET, 1000)),
            new Entry("VGG-19", () -> Vgg.vgg19(IMAGENET, 1000)),
            new Entry("NiN (224x224x1, 10)", () -> NiN.nin(Shape.image(224, 224, 1), 10)),
            new Entry("GoogLeNet", () -> GoogLeNet.googLeNet(IMAGENET, 1000)),
            new Entry("ResNet-18", () -> ResNet.resNet18(IMAGENET, 1000)),
            new Entry("ResNet-34", () -> ResNet.resNet34(IMAGENET, 1000)),
            new Entry("ResNet-50", () -> ResNet.resNet50(IMAGENET, 1000)),
            new Entry("ResNet-101", () -> ResNet.resNet101(IMAGENET, 1000)),
            new Entry("ResNet-152", () -> ResNet.resNet152(IMAGENET, 1000)),
            new Entry("DenseNet-121", () -> DenseNet.denseNet121(IMAGENET, 1000)),
            new Entry("EfficientNet-B0", () -> EfficientNet.efficientNetB0(IMAGENET, 1000)));

    /** The reduced variants on 28x28x1 digits with 10 classes. */
    public static final List<Entry> REDUCED = List.of(
            new Entry("LeNet-5 (28x28)", () -> LeNet.lenet5Mnist(MNIST, 10)),
            new Entry("AlexNet reduced", () -> AlexNet.reduced(MNIST, 10)),
            new Entry("VGG reduced", () -> Vgg.reduced(MNIST, 10)),
            new Entry("NiN reduced", () -> NiN.reduced(MNIST, 10)),
            new Entry("GoogLeNet reduced", () -> GoogLeNet.reduced(MNIST, 10)),
            new Entry("ResNet reduced", () -> ResNet.reduced(MNIST, 10)),
            new Entry("DenseNet reduced", () -> DenseNet.reduced(MNIST, 10)));

    @Override public String name() { return "architectures"; }

    @Override public int unit() { return 2; }

    @Override
    public String description() {
        return "the zoo's classic CNNs (LeNet to EfficientNet): layers and parameter counts, full size and reduced";
    }

    @Override
    public void run(RecipeContext ctx) {
        Chart chart = Chart.lines("Depth and size of the classic CNNs (224x224x3, 1000 classes)", "layers (summary rows)",
                "parameters (millions)");
        ctx.println("published sizes (224x224x3 input, 1000 classes unless shown):");
        for (Entry e : FULL) {
            Summary s = table(ctx, e);
            if (!e.name().contains("(")) {
                chart.points(e.name(), new double[] {s.rows().size() - 1}, new double[] {s.totalParams() / 1e6});
            }
        }
        ctx.println("trainable counts equal torchvision's for AlexNet, VGG, GoogLeNet (3x3 variant), ResNet and DenseNet;"
                + " DL4J also counts batch norm's running mean and variance, which do not train");
        ctx.println("\nreduced variants for 28x28x1 digits, 10 classes (they train on 2 cores in minutes):");
        for (Entry e : REDUCED) table(ctx, e);
        ctx.println("\nLeNet-5 (28x28 variant), layer by layer:");
        ctx.out().print(LeNet.lenet5Mnist(MNIST, 10).summaryTable());
        ctx.println("\nthe reduced ResNet: residual additions show two inputs in 'connected to':");
        ctx.out().print(ResNet.reduced(MNIST, 10).summaryTable());
        ctx.save(chart, "architectures.png");
    }

    /** Prints one line: name, layer count, total and trainable parameters; returns the summary. */
    private static Summary table(RecipeContext ctx, Entry e) {
        Summary s = e.model().get().summaryTable();
        ctx.printf("  %-24s %4d layers %,14d parameters (%,d trainable)%n", e.name(), s.rows().size() - 1,
                s.totalParams(), s.trainableParams());
        return s;
    }
}
