package io.jkeras.utils;

import io.jkeras.Keras;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Random;

/**
 * Drawing the next token from a model's softmax output with a temperature, as the sampling function of Keras's
 * text-generation example (keras.io "Character-level text generation with LSTM"; Chollet, <i>Deep Learning with
 * Python</i>, 8.1):
 * <pre>
 * preds = np.log(preds) / temperature; exp_preds = np.exp(preds); preds = exp_preds / np.sum(exp_preds)
 * return np.argmax(np.random.multinomial(1, preds, 1))
 * </pre>
 * A low temperature sharpens the distribution towards the most likely token, a high one flattens it.
 *
 * <pre>{@code
 * jshell> INDArray preds = model.predict(windows.encode(seed)).getRow(0);
 * jshell> char next = windows.charAt(Sampling.sample(preds, 0.5));
 * }</pre>
 */
public final class Sampling {
    private Sampling() {
    }

    /**
     * The distribution {@code softmax(log(preds) / temperature)}, float64: the probabilities the draw uses.
     *
     * @param preds probabilities (a softmax output), any shape; flattened
     * @param temperature positive
     */
    public static INDArray reweight(INDArray preds, double temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
        INDArray p = preds.castTo(DataType.DOUBLE).reshape(preds.length());
        // log(0) = -inf gives exp(-inf) = 0: a token of probability 0 is never drawn, as in numpy.
        INDArray logits = Transforms.log(p, true).divi(temperature);
        logits.subi(logits.maxNumber()); // the same distribution, without overflow at low temperatures
        INDArray e = Transforms.exp(logits, false);
        return e.divi(e.sumNumber());
    }

    /** One draw with the temperature, from {@link Keras#random()} (seeded by {@code Keras.setRandomSeed}). */
    public static int sample(INDArray preds, double temperature) {
        return sample(preds, temperature, Keras.random());
    }

    /** One draw with the temperature, from the given generator: the index of the drawn token. */
    public static int sample(INDArray preds, double temperature, Random random) {
        INDArray p = reweight(preds, temperature);
        INDArray cdf = p.cumsum(0);
        double u = random.nextDouble() * cdf.getDouble(cdf.length() - 1);
        // The first index whose cumulative probability exceeds u: a count of how many stay at or below it.
        int i = cdf.lte(u).castTo(DataType.INT32).sumNumber().intValue();
        return (int) Math.min(i, p.length() - 1);
    }
}
