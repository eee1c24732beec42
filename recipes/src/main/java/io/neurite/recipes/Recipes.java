package io.neurite.recipes;

import io.neurite.recipes.unit1.Activations;
import io.neurite.recipes.unit1.Autodiff;
import io.neurite.recipes.unit1.Backprop;
import io.neurite.recipes.unit1.BiasVariance;
import io.neurite.recipes.unit1.DigitsMlp;
import io.neurite.recipes.unit1.EarlyStoppingRecipe;
import io.neurite.recipes.unit1.HyperparameterSearch;
import io.neurite.recipes.unit1.Initialization;
import io.neurite.recipes.unit1.Optimizers;
import io.neurite.recipes.unit1.PerceptronRecipe;
import io.neurite.recipes.unit1.Regularization;
import io.neurite.recipes.unit1.ShallowModelsRecipe;
import io.neurite.recipes.unit1.XorMlp;
import io.neurite.recipes.unit2.Architectures;
import io.neurite.recipes.unit2.Augmentation;
import io.neurite.recipes.unit2.ConvolutionByHand;
import io.neurite.recipes.unit2.LeNet5;
import io.neurite.recipes.unit2.PaddingAndStride;
import io.neurite.recipes.unit2.Pooling;
import io.neurite.recipes.unit2.ReducedZoo;
import io.neurite.recipes.unit2.TransferLearning;
import io.neurite.recipes.unit3.AirlineForecast;
import io.neurite.recipes.unit3.BertPretrain;
import io.neurite.recipes.unit3.CharLanguageModel;
import io.neurite.recipes.unit3.DeepRnn;
import io.neurite.recipes.unit3.ExplodingGradients;
import io.neurite.recipes.unit3.ImdbSentiment;
import io.neurite.recipes.unit3.SunspotsForecast;
import io.neurite.recipes.unit3.TransformerBasics;
import io.neurite.recipes.unit3.TranslationEnFr;
import io.neurite.recipes.unit3.VanishingGradients;
import io.neurite.recipes.unit4.Autoencoders;
import io.neurite.recipes.unit4.GanScores;
import java.util.List;
import java.util.Optional;

/** Every recipe, in course order. Add a new recipe to {@link #ALL}. */
public final class Recipes {
    public static final List<Recipe> ALL = List.of(
            new PerceptronRecipe(),
            new ShallowModelsRecipe(),
            new XorMlp(),
            new Activations(),
            new Autodiff(),
            new Backprop(),
            new Optimizers(),
            new Initialization(),
            new Regularization(),
            new EarlyStoppingRecipe(),
            new BiasVariance(),
            new HyperparameterSearch(),
            new DigitsMlp(),
            new ConvolutionByHand(),
            new PaddingAndStride(),
            new Pooling(),
            new LeNet5(),
            new Architectures(),
            new TransferLearning(),
            new Augmentation(),
            new ReducedZoo(),
            new AirlineForecast(),
            new SunspotsForecast(),
            new DeepRnn(),
            new VanishingGradients(),
            new ExplodingGradients(),
            new TransformerBasics(),
            new TranslationEnFr(),
            new BertPretrain(),
            new ImdbSentiment(),
            new CharLanguageModel(),
            new GanScores(),
            new Autoencoders());

    private Recipes() { }

    public static Optional<Recipe> find(String name) {
        return ALL.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(Recipe::name).toList();
    }
}
