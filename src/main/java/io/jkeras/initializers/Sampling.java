package io.jkeras.initializers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.TruncatedNormalDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random fills for initializers, drawn by ND4J's native generators: from the session generator
 * ({@link io.jkeras.Keras#setRandomSeed}) when {@code seed} is null, else from a generator made from
 * that seed, so that an initializer with a seed gives the same values every time, as in Keras.
 */
final class Sampling {
    private Sampling() {
    }

    static INDArray uniform(long[] shape, DataType t, double lo, double hi, Long seed) {
        INDArray a = Nd4j.createUninitialized(t, shape);
        return exec(new UniformDistribution(a, lo, hi), a, seed);
    }

    static INDArray normal(long[] shape, DataType t, double mean, double std, Long seed) {
        INDArray a = Nd4j.createUninitialized(t, shape);
        return exec(new GaussianDistribution(a, mean, std), a, seed);
    }

    /** Normal values re-drawn outside two standard deviations, as Keras's truncated normal. */
    static INDArray truncatedNormal(long[] shape, DataType t, double mean, double std, Long seed) {
        INDArray a = Nd4j.createUninitialized(t, shape);
        return exec(new TruncatedNormalDistribution(a, mean, std), a, seed);
    }

    private static INDArray exec(org.nd4j.linalg.api.ops.RandomOp op, INDArray a, Long seed) {
        if (a.length() == 0) return a;
        if (seed == null) {
            Nd4j.getExecutioner().exec(op, Nd4j.getRandom());
        } else {
            try (Random r = Nd4j.getRandomFactory().getNewRandomInstance(seed)) {
                Nd4j.getExecutioner().exec(op, r);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return a;
    }
}
