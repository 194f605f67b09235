package io.jkeras.layers;

import io.jkeras.activations.ActivationFunction;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.ThresholdRelu;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.ThresholdReluBp;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * {@code x} if {@code x > theta} else 0, as Keras 2's {@code keras.layers.ThresholdedReLU} (theta 1.0 by
 * default; Keras 3 dropped the layer, its files load here). Input: any shape; output: the same shape.
 *
 * <pre>{@code
 * jshell> new ThresholdedReLU().theta(0.5).apply(Nd4j.createFromArray(0.2f, 0.7f))
 * $1 ==> [0, 0.7000]
 * }</pre>
 */
public class ThresholdedReLU extends ActivationLayer {
    private double theta = 1.0;

    /** The threshold, &gt;= 0 (default 1.0). */
    public ThresholdedReLU theta(double t) {
        requireNotBuilt("theta");
        if (!(t >= 0.0)) {
            throw new IllegalArgumentException("Theta of a Thresholded ReLU layer cannot be None or negative. Received: theta=" + t);
        }
        this.theta = t;
        return this;
    }

    /** The threshold. */
    public double theta() {
        return theta;
    }

    @Override
    protected ActivationFunction makeFunction() {
        double t = theta;
        return new ActivationFunction() { // not a Keras activation name: lives with its layer
            @Override
            public String name() {
                return "thresholded_relu";
            }

            @Override
            public INDArray forward(INDArray x) {
                return Nd4j.exec(new ThresholdRelu(x, x.ulike(), t))[0];
            }

            @Override
            public INDArray backward(INDArray x, INDArray y, INDArray dy) {
                return Nd4j.exec(new ThresholdReluBp(x, dy, x.ulike(), t))[0];
            }
        };
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("theta", theta);
        return c;
    }

    /** From a Keras 2 config. */
    public static ThresholdedReLU fromConfig(Config c) {
        return new ThresholdedReLU().theta(c.getDouble("theta", 1.0)).withBaseConfig(c);
    }
}
