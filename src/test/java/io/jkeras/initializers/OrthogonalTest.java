package io.jkeras.initializers;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class OrthogonalTest {
    @Test
    void tallMatrixHasOrthonormalColumns() {
        INDArray w = new Orthogonal(1.0, 3L).apply(new long[]{6, 4}, DataType.FLOAT);
        assertClose(w.transpose().mmul(w), Nd4j.eye(4), 1e-5);
    }

    @Test
    void wideMatrixHasOrthonormalRows() {
        INDArray w = new Orthogonal(1.0, 3L).apply(new long[]{4, 6}, DataType.DOUBLE);
        assertThat(w.shape()).containsExactly(4, 6);
        assertClose(w.mmul(w.transpose()), Nd4j.eye(4).castTo(DataType.DOUBLE), 1e-12);
    }

    @Test
    void kernelsAreFlattenedToAllButTheLastAxis() {
        // Conv2D kernel (3, 3, 4, 8): a (36, 8) matrix with orthonormal columns.
        INDArray w = new Orthogonal(1.0, 5L).apply(new long[]{3, 3, 4, 8}, DataType.FLOAT);
        INDArray m = w.reshape('c', 36, 8);
        assertClose(m.transpose().mmul(m), Nd4j.eye(8), 1e-5);
        // (2, 3, 8): a (6, 8) matrix, fewer rows than columns, so orthonormal rows.
        INDArray v = new Orthogonal(1.0, 5L).apply(new long[]{2, 3, 8}, DataType.FLOAT).reshape('c', 6, 8);
        assertClose(v.mmul(v.transpose()), Nd4j.eye(6), 1e-5);
    }

    @Test
    void gainScales() {
        INDArray w = new Orthogonal(2.0, 1L).apply(new long[]{5, 5}, DataType.DOUBLE);
        assertClose(w.transpose().mmul(w), Nd4j.eye(5).castTo(DataType.DOUBLE).muli(4.0), 1e-12);
    }

    @Test
    void signIsCorrectedByRsDiagonal() {
        // Keras's construction: Q from a seeded normal matrix A = Q R, columns flipped so that R's diagonal is
        // positive. Then Qᵀ A is upper triangular with a positive diagonal.
        long seed = 11L;
        INDArray a = new RandomNormal(0.0, 1.0, seed).apply(new long[]{7, 4}, DataType.DOUBLE);
        INDArray q = new Orthogonal(1.0, seed).apply(new long[]{7, 4}, DataType.DOUBLE);
        INDArray r = q.transpose().mmul(a);
        for (int i = 0; i < 4; i++) {
            assertThat(r.getDouble(i, i)).isPositive();
            for (int j = 0; j < i; j++) assertThat(r.getDouble(i, j)).isCloseTo(0.0, within(1e-12));
        }
        // The wide case is the transpose of the tall one drawn from the same (max, min) matrix.
        INDArray wide = new Orthogonal(1.0, seed).apply(new long[]{4, 7}, DataType.DOUBLE);
        assertClose(wide, q.transpose(), 1e-12);
    }

    @Test
    void rankOneIsAKerasError() {
        assertThatThrownBy(() -> new Orthogonal().apply(new long[]{5}, DataType.FLOAT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The tensor to initialize must be at least two-dimensional. Received: shape=(5,) of rank 1.");
    }

    static void assertClose(INDArray actual, INDArray expected, double tol) {
        assertThat(actual.shape()).containsExactly(expected.shape());
        double err = actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertThat(err).as("max |actual - expected|").isLessThanOrEqualTo(tol);
    }
}
