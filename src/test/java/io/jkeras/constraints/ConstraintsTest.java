package io.jkeras.constraints;

import io.jkeras.saving.Json;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Each constraint against the same formula computed by hand in plain Java. */
class ConstraintsTest {
    private static final double EPS = 1e-7;
    /** Column norms 5, 0.5, sqrt(2) and 0; row norms sqrt(10.09 + 1) and sqrt(16.16 + 1). */
    private static final double[][] W = {{3, 0.3, 1, 0}, {4, 0.4, -1, 0}};

    /** Scales each column j of {@code w} (axis 0) or each row (axis 1) by {@code f(norm)}. */
    private static double[][] byHand(double[][] w, int axis, DoubleUnaryOperator f) {
        int rows = w.length, cols = w[0].length;
        double[][] out = new double[rows][cols];
        for (int k = 0; k < (axis == 0 ? cols : rows); k++) {
            double s = 0;
            for (int m = 0; m < (axis == 0 ? rows : cols); m++) {
                double v = axis == 0 ? w[m][k] : w[k][m];
                s += v * v;
            }
            double scale = f.applyAsDouble(Math.sqrt(s));
            for (int m = 0; m < (axis == 0 ? rows : cols); m++) {
                if (axis == 0) out[m][k] = w[m][k] * scale;
                else out[k][m] = w[k][m] * scale;
            }
        }
        return out;
    }

    private static void assertMatrix(INDArray actual, double[][] expected, double tol) {
        double[][] a = actual.castTo(DataType.DOUBLE).toDoubleMatrix();
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[0].length; j++) {
                assertThat(a[i][j]).as("[" + i + "][" + j + "]").isCloseTo(expected[i][j], within(tol));
            }
        }
    }

    @Test
    void maxNormCapsNormsAlongTheAxis() {
        DoubleUnaryOperator capAt2 = n -> Math.min(n, 2.0) / (EPS + n);
        INDArray w = Nd4j.createFromArray(W);
        INDArray out = new MaxNorm().apply(w);
        assertThat(out).isSameAs(w); // in place
        assertMatrix(out, byHand(W, 0, capAt2), 1e-12);
        assertMatrix(new MaxNorm(2.0, 1).apply(Nd4j.createFromArray(W)), byHand(W, 1, capAt2), 1e-12);
        assertMatrix(new MaxNorm(2.0, -1).apply(Nd4j.createFromArray(W)), byHand(W, 1, capAt2), 1e-12);
        assertMatrix(new MaxNorm(0.1, 0).apply(Nd4j.createFromArray(W).castTo(DataType.FLOAT)),
                byHand(W, 0, n -> Math.min(n, 0.1) / (EPS + n)), 1e-6);
    }

    @Test
    void maxNormOverAConvKernelsFilterAxes() {
        // (kh, kw, in, out) = (2, 2, 2, 3); axes {0, 1, 2}: one norm per output channel.
        INDArray k = Nd4j.linspace(DataType.DOUBLE, -2.0, 0.25, 24).reshape('c', 2, 2, 2, 3);
        double[] flat = k.reshape(24).toDoubleVector();
        double[] norms = new double[3];
        for (int i = 0; i < 24; i++) norms[i % 3] += flat[i] * flat[i];
        for (int c = 0; c < 3; c++) norms[c] = Math.sqrt(norms[c]);
        double[] out = new MaxNorm(1.5, 0, 1, 2).apply(k).reshape(24).toDoubleVector();
        for (int i = 0; i < 24; i++) {
            double n = norms[i % 3];
            assertThat(out[i]).isCloseTo(flat[i] * Math.min(n, 1.5) / (EPS + n), within(1e-12));
        }
    }

    @Test
    void unitNormDividesByEpsilonPlusNorm() {
        assertMatrix(new UnitNorm().apply(Nd4j.createFromArray(W)), byHand(W, 0, n -> 1 / (EPS + n)), 1e-12);
        assertMatrix(new UnitNorm(1).apply(Nd4j.createFromArray(W)), byHand(W, 1, n -> 1 / (EPS + n)), 1e-12);
        // A bias vector: its one norm over axis 0.
        assertThat(new UnitNorm().apply(Nd4j.createFromArray(3.0, 4.0)).toDoubleVector())
                .containsExactly(3 / (EPS + 5), 4 / (EPS + 5));
    }

    @Test
    void minMaxNormMovesNormsIntoTheIntervalAtTheRate() {
        DoubleUnaryOperator f = n -> (0.5 * Math.min(Math.max(n, 1.0), 2.0) + 0.5 * n) / (EPS + n);
        assertMatrix(new MinMaxNorm(1.0, 2.0, 0.5, 0).apply(Nd4j.createFromArray(W)), byHand(W, 0, f), 1e-12);
        DoubleUnaryOperator strict = n -> Math.min(Math.max(n, 0.0), 1.0) / (EPS + n);
        assertMatrix(new MinMaxNorm().apply(Nd4j.createFromArray(W)), byHand(W, 0, strict), 1e-12);
    }

    @Test
    void nonNegZeroesNegatives() {
        INDArray w = Nd4j.createFromArray(new float[][]{{-1.5f, 2f}, {0f, -0.1f}});
        assertThat(new NonNeg().apply(w).toDoubleMatrix()).isEqualTo(new double[][]{{0, 2}, {0, 0}});
    }

    @Test
    void namesConfigsAndRoundTrips() {
        assertThat(Constraints.get("max_norm")).isExactlyInstanceOf(MaxNorm.class);
        assertThat(Constraints.get("maxnorm")).isExactlyInstanceOf(MaxNorm.class);
        assertThat(Constraints.get("non_neg")).isExactlyInstanceOf(NonNeg.class);
        assertThat(Constraints.get("NonNeg")).isExactlyInstanceOf(NonNeg.class);
        assertThat(Constraints.get("unit_norm")).isExactlyInstanceOf(UnitNorm.class);
        assertThat(Constraints.get("min_max_norm")).isExactlyInstanceOf(MinMaxNorm.class);
        assertThat(new MaxNorm().getConfig()).isEqualTo(Map.of("max_value", 2.0, "axis", 0));
        assertThat(new UnitNorm().getConfig()).isEqualTo(Map.of("axis", 0));
        assertThat(new MinMaxNorm().getConfig()).isEqualTo(Map.of("min_value", 0.0, "max_value", 1.0, "rate", 1.0, "axis", 0));
        assertThat(new NonNeg().getConfig()).isEmpty();
        assertThat(new MaxNorm(3, 0, 1, 2).getConfig()).containsEntry("axis", List.of(0, 1, 2));
        for (Constraint c : List.of(new MaxNorm(3, 0, 1, 2), new NonNeg(), new UnitNorm(-1), new MinMaxNorm(0.5, 1.5, 0.7, 1))) {
            String json = Json.write(Constraints.serialize(c));
            Constraint back = Constraints.get(Json.read(json));
            assertThat(back).isExactlyInstanceOf(c.getClass());
            assertThat(back.getConfig()).as(json).isEqualTo(c.getConfig());
        }
        // Keras writes max_value as an int by default.
        Constraint k = Constraints.get(Json.read("{\"class_name\": \"MaxNorm\", \"config\": {\"max_value\": 3, \"axis\": [0, 1, 2]}}"));
        assertThat(k.getConfig()).isEqualTo(Map.of("max_value", 3.0, "axis", List.of(0, 1, 2)));
    }

    @Test
    void errorsAreClear() {
        assertThatThrownBy(() -> Constraints.get("max_nrom")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Could not interpret constraint identifier: max_nrom");
        assertThatThrownBy(() -> new MaxNorm(2.0, 2).apply(Nd4j.createFromArray(W)))
                .hasMessageContaining("axis 2 is out of bounds for a weight of rank 2 (shape (2, 4))");
    }
}
