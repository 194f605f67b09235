package io.jkeras.initializers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.RandomOp;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Condition;
import org.nd4j.linalg.indexing.conditions.Conditions;

import java.util.function.Function;

/**
 * Random fills for initializers, drawn by ND4J's native generators: from the session generator
 * ({@link io.jkeras.Keras#setRandomSeed}) when {@code seed} is null, else from a generator made from
 * that seed, so that an initializer with a seed gives the same values every time, as in Keras.
 */
final class Sampling {
    /** Enough rounds of re-drawing for any array that fits in memory (each round leaves ~4.6% of the rest). */
    private static final int MAX_REDRAWS = 64;

    private Sampling() {
    }

    static INDArray uniform(long[] shape, DataType t, double lo, double hi, Long seed) {
        INDArray a = Nd4j.createUninitialized(t, shape);
        if (a.length() == 0) return a;
        return withGenerator(seed, r -> fill(new UniformDistribution(a, lo, hi), a, r));
    }

    static INDArray normal(long[] shape, DataType t, double mean, double std, Long seed) {
        INDArray a = Nd4j.createUninitialized(t, shape);
        if (a.length() == 0) return a;
        return withGenerator(seed, r -> fill(new GaussianDistribution(a, mean, std), a, r));
    }

    /**
     * Normal values, those beyond two standard deviations discarded and re-drawn, as Keras's truncated
     * normal. ND4J's own {@code TruncatedNormalDistribution} is not used: its values are not distributed
     * as a truncated normal (its standard deviation comes out ≈ 0.870 σ, not 0.880 σ, with extra mass just
     * above the mean), so the re-drawing is done here, a whole array per round.
     */
    static INDArray truncatedNormal(long[] shape, DataType t, double mean, double std, Long seed) {
        INDArray z = Nd4j.createUninitialized(t, shape);
        if (z.length() == 0) return z;
        Condition outside = Conditions.absGreaterThan(2.0);
        return withGenerator(seed, r -> {
            fill(new GaussianDistribution(z, 0.0, 1.0), z, r);
            INDArray fresh = null;
            for (int round = 0; round < MAX_REDRAWS && count(z, outside) > 0; round++) {
                if (fresh == null) fresh = z.ulike();
                fill(new GaussianDistribution(fresh, 0.0, 1.0), fresh, r);
                BooleanIndexing.replaceWhere(z, fresh, outside);
            }
            return z.muli(std).addi(mean);
        });
    }

    private static long count(INDArray a, Condition c) {
        return Nd4j.getExecutioner().exec(new MatchCondition(a, c)).getLong(0);
    }

    private static INDArray fill(RandomOp op, INDArray a, Random r) {
        Nd4j.getExecutioner().exec(op, r);
        return a;
    }

    /** Runs {@code body} with the session generator, or with a fresh generator made from {@code seed}. */
    private static INDArray withGenerator(Long seed, Function<Random, INDArray> body) {
        if (seed == null) return body.apply(Nd4j.getRandom());
        Random r = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        try {
            return body.apply(r);
        } finally {
            try {
                r.close(); // frees the generator's native state now rather than at GC
            } catch (Exception e) {
                throw new IllegalStateException("Could not release a random generator", e);
            }
        }
    }
}
