package io.jkeras.layers;

import org.nd4j.linalg.api.ops.random.BaseRandomOp;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The random source of a noise layer: ND4J's shared generator (which {@code Keras.setRandomSeed} seeds), or,
 * when the layer has its own {@code seed}, a private generator that advances on every call as Keras's
 * {@code SeedGenerator} does. Package-private.
 */
final class LayerRandom {
    private final Long seed;
    private Random generator;

    LayerRandom(Long seed) {
        this.seed = seed;
    }

    /** Fills the op's output array from this source. */
    void fill(BaseRandomOp op) {
        if (seed == null) {
            Nd4j.getExecutioner().exec(op);
        } else {
            if (generator == null) generator = Nd4j.getRandomFactory().getNewRandomInstance(seed);
            Nd4j.getExecutioner().exec(op, generator);
        }
    }
}
