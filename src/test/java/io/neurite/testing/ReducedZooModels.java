package io.neurite.testing;

import io.neurite.core.Shape;
import io.neurite.model.Model;
import io.neurite.zoo.AlexNet;
import io.neurite.zoo.DenseNet;
import io.neurite.zoo.EfficientNet;
import io.neurite.zoo.GoogLeNet;
import io.neurite.zoo.LeNet;
import io.neurite.zoo.NiN;
import io.neurite.zoo.ResNet;
import io.neurite.zoo.Vgg;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Every small zoo variant with the input it is built for, as arguments (name, factory, input) of parameterized tests. */
public final class ReducedZooModels {
    private ReducedZooModels() { }

    public static Stream<Arguments> all() {
        return Stream.of(
                Arguments.of("lenet5", (BiFunction<Shape, Integer, Model>) LeNet::lenet5, Shape.image(32, 32, 1)),
                Arguments.of("lenet5Mnist", (BiFunction<Shape, Integer, Model>) LeNet::lenet5Mnist, Shape.image(28, 28, 1)),
                Arguments.of("alexnet", (BiFunction<Shape, Integer, Model>) AlexNet::reduced, Shape.image(28, 28, 1)),
                Arguments.of("vgg", (BiFunction<Shape, Integer, Model>) Vgg::reduced, Shape.image(32, 32, 3)),
                Arguments.of("nin", (BiFunction<Shape, Integer, Model>) NiN::reduced, Shape.image(28, 28, 1)),
                Arguments.of("googlenet", (BiFunction<Shape, Integer, Model>) GoogLeNet::reduced, Shape.image(28, 28, 1)),
                Arguments.of("resnet", (BiFunction<Shape, Integer, Model>) ResNet::reduced, Shape.image(32, 32, 3)),
                Arguments.of("densenet", (BiFunction<Shape, Integer, Model>) DenseNet::reduced, Shape.image(28, 28, 1)),
                Arguments.of("efficientnet", (BiFunction<Shape, Integer, Model>) EfficientNet::reduced,
                        Shape.image(28, 28, 1)));
    }
}
