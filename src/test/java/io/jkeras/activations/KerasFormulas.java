package io.jkeras.activations;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Keras 3's element-wise activation formulas written independently in plain Java doubles: the reference
 * the ND4J implementations are compared against (keras/src/activations/activations.py and the backend ops).
 */
final class KerasFormulas {
    static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    static final double SELU_SCALE = 1.0507009873554804934193349852946;

    /** Every element-wise activation registered by Keras name (softmax and log_softmax are tested per axis). */
    static final Map<String, DoubleUnaryOperator> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("linear", x -> x);
        BY_NAME.put("relu", x -> Math.max(x, 0));
        BY_NAME.put("relu6", x -> Math.min(Math.max(x, 0), 6));
        BY_NAME.put("leaky_relu", x -> leakyRelu(x, 0.2));
        BY_NAME.put("elu", x -> elu(x, 1.0));
        BY_NAME.put("selu", x -> SELU_SCALE * (x > 0 ? x : SELU_ALPHA * (Math.exp(x) - 1)));
        BY_NAME.put("sigmoid", KerasFormulas::sigmoid);
        BY_NAME.put("hard_sigmoid", KerasFormulas::hardSigmoid);
        BY_NAME.put("tanh", Math::tanh);
        BY_NAME.put("softplus", KerasFormulas::softplus);
        BY_NAME.put("softsign", x -> x / (Math.abs(x) + 1));
        BY_NAME.put("exponential", Math::exp);
        BY_NAME.put("silu", x -> x * sigmoid(x));
        BY_NAME.put("swish", x -> x * sigmoid(x));
        BY_NAME.put("gelu", x -> gelu(x, false));
        BY_NAME.put("mish", x -> x * Math.tanh(softplus(x)));
        BY_NAME.put("hard_silu", x -> x * hardSigmoid(x));
        BY_NAME.put("hard_swish", x -> x * hardSigmoid(x));
    }

    private KerasFormulas() {
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static double softplus(double x) {
        return x > 30 ? x : Math.log1p(Math.exp(x));
    }

    static double hardSigmoid(double x) {
        return Math.min(Math.max(x + 3, 0), 6) / 6; // Keras 3: relu6(x + 3) / 6
    }

    static double leakyRelu(double x, double slope) {
        return x > 0 ? x : slope * x;
    }

    static double elu(double x, double alpha) {
        return x > 0 ? x : alpha * (Math.exp(x) - 1);
    }

    /** keras.activations.relu(x, negative_slope, max_value, threshold), as its static_call computes it. */
    static double relu(double x, double slope, Double maxValue, double threshold) {
        double pos = x > threshold ? x : 0;
        if (maxValue != null) pos = Math.min(Math.max(pos, 0), maxValue);
        return pos - slope * Math.max(threshold - x, 0);
    }

    static double gelu(double x, boolean approximate) {
        if (approximate) {
            return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
        }
        return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
    }

    /**
     * erf to about 1e-13: its Maclaurin series for |z| &lt;= 3, and above that 1 - erfc(z) with erfc from its
     * continued fraction {@code exp(-z^2)/sqrt(pi) / (z + (1/2)/(z + 1/(z + (3/2)/(z + ...))))}.
     */
    static double erf(double z) {
        if (z < 0) return -erf(-z);
        if (z <= 3) {
            double sum = 0;
            double term = z; // (-1)^n z^(2n+1) / n!
            for (int n = 0; n < 100; n++) {
                sum += term / (2 * n + 1);
                term *= -z * z / (n + 1);
            }
            return 2 / Math.sqrt(Math.PI) * sum;
        }
        double f = z;
        for (int k = 200; k >= 1; k--) f = z + (k / 2.0) / f;
        return 1 - Math.exp(-z * z) / Math.sqrt(Math.PI) / f;
    }
}
