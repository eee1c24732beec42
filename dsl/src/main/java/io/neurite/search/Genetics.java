package io.neurite.search;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.apache.commons.math3.random.RandomGenerator;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.arbiter.optimize.generator.GeneticSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.genetic.crossover.ArithmeticCrossover;
import org.deeplearning4j.arbiter.optimize.generator.genetic.crossover.parentselection.RandomTwoParentSelection;
import org.deeplearning4j.arbiter.optimize.generator.genetic.mutation.RandomMutationOperator;
import org.deeplearning4j.arbiter.optimize.generator.genetic.population.PopulationModel;
import org.deeplearning4j.arbiter.optimize.generator.genetic.selection.GeneticSelectionOperator;

/** Arbiter's genetic generator with every random choice (draws, parents, crossover, mutation) seeded from one seed. */
final class Genetics {
    private Genetics() { }

    static GeneticSearchCandidateGenerator generator(ParameterSpace<?> space, int population, boolean minimize,
            long seed) {
        RandomGenerator parents = seeded(seed + 1);
        GeneticSelectionOperator selection = new GeneticSelectionOperator.Builder()
                .randomGenerator(seeded(seed + 2))
                .crossoverOperator(new ArithmeticCrossover.Builder().randomGenerator(seeded(seed + 3))
                        .parentSelection(new RandomTwoParentSelection(parents)).build())
                .mutationOperator(new RandomMutationOperator.Builder()
                        .randomGenerator(seeded(seed + 4)).build())
                .build();
        GeneticSearchCandidateGenerator generator = new GeneticSearchCandidateGenerator.Builder(space,
                new Direction(minimize))
                .populationModel(new PopulationModel.Builder().populationSize(population).build())
                .selectionOperator(selection)
                .build();
        generator.setRngSeed(seed);
        return generator;
    }

    private static RandomGenerator seeded(long seed) {
        RandomGenerator random = new JDKRandomGenerator();
        random.setSeed(seed);
        return random;
    }

    /** Only tells Arbiter's population which way is better; Neurite scores candidates itself. */
    private record Direction(boolean minimize) implements ScoreFunction {
        @Override
        public double score(Object model, DataProvider data, Map<String, Object> parameters) {
            throw new UnsupportedOperationException("Neurite scores candidates with its Objective");
        }

        @Override
        public double score(Object model, Class<? extends DataSource> data, Properties properties) {
            throw new UnsupportedOperationException("Neurite scores candidates with its Objective");
        }

        @Override
        public List<Class<?>> getSupportedModelTypes() { return List.of(); }

        @Override
        public List<Class<?>> getSupportedDataTypes() { return List.of(); }
    }
}
