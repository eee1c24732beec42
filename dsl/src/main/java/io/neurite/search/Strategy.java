package io.neurite.search;

/**
 * How candidates are chosen and trained. {@link #grid}, {@link #random} and {@link #genetic} draw from Arbiter's grid,
 * random and genetic generators and train every candidate for the search's full epochs; {@link #successiveHalving}
 * (Hyperband's inner loop, which Arbiter lacks) gives more epochs only to the better candidates.
 */
public sealed interface Strategy {
    /** Every combination: each choice and integer, and {@code pointsPerRange} evenly spaced values of each range. */
    static Strategy grid(int pointsPerRange) { return new Grid(pointsPerRange); }

    /** {@code trials} candidates drawn at random (seeded by the search's seed). */
    static Strategy random(int trials) { return new Random(trials); }

    /**
     * Successive halving: {@code candidates} drawn at random each train a first rung of epochs; the best 1/{@code eta}
     * go on to {@code eta} times as many epochs in all, and so on until the survivors reach the search's full epochs;
     * the rest stop early. Rung epochs are the full epochs divided by eta, eta squared..., at least 1.
     */
    static Strategy successiveHalving(int candidates, int eta) { return new SuccessiveHalving(candidates, eta); }

    /**
     * Arbiter's genetic search: {@code trials} candidates, the first {@code population} drawn at random, each later one
     * bred (arithmetic crossover of two parents, random mutation) from the best {@code population} scored so far.
     * Which candidates it draws depends on the scores, so {@link Search#candidates} cannot list them in advance.
     */
    static Strategy genetic(int trials, int population) { return new Genetic(trials, population); }

    /** See {@link Strategy#grid}. */
    record Grid(int pointsPerRange) implements Strategy {
        public Grid {
            if (pointsPerRange < 1) {
                throw new IllegalArgumentException("a grid needs at least 1 point per range, got " + pointsPerRange);
            }
        }
    }

    /** See {@link Strategy#random}. */
    record Random(int trials) implements Strategy {
        public Random {
            if (trials < 1) throw new IllegalArgumentException("random search needs at least 1 trial, got " + trials);
        }
    }

    /** See {@link Strategy#successiveHalving}. */
    record SuccessiveHalving(int candidates, int eta) implements Strategy {
        public SuccessiveHalving {
            if (candidates < 2) {
                throw new IllegalArgumentException("successive halving needs at least 2 candidates, got " + candidates);
            }
            if (eta < 2) {
                throw new IllegalArgumentException("successive halving needs eta >= 2 (keep 1 in eta), got " + eta);
            }
        }
    }

    /** See {@link Strategy#genetic}. */
    record Genetic(int trials, int population) implements Strategy {
        public Genetic {
            if (population < 2) {
                throw new IllegalArgumentException("genetic search needs a population of at least 2, got " + population);
            }
            if (trials <= population) {
                throw new IllegalArgumentException("genetic search with " + trials + " trials and a population of "
                        + population + " would breed nothing; give more trials than the population");
            }
        }
    }
}
