package io.jkeras.optimizers;

import io.jkeras.Variable;
import io.jkeras.constraints.Constraint;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * The shared inputs of the optimizer tests: two small variables ({@code dense/kernel} of shape (2, 3)
 * and {@code dense/bias} of shape (4,)) and a fixed, deterministic gradient sequence of mixed signs
 * and magnitudes (a zero element included).
 */
final class Fixtures {
    static final double[][] INITIAL = {
            {0.5, -0.3, 0.8, -1.2, 0.05, 0.0},
            {1.0, -0.5, 0.25, 2.0},
    };
    static final long[][] SHAPES = {{2, 3}, {4}};

    private Fixtures() {
    }

    /** The gradient of variable {@code k} at step {@code s}. */
    static double[] grad(int k, int s) {
        double[] g = new double[INITIAL[k].length];
        for (int i = 0; i < g.length; i++) {
            g[i] = Math.sin(1.3 * s + 0.7 * i + k) * (1 + 0.5 * k) + 0.1 * (i % 3 - 1);
        }
        if (k == 0 && s == 2) g[4] = 0.0;
        return g;
    }

    static List<Variable> variables(DataType type) {
        return variables(type, null);
    }

    static List<Variable> variables(DataType type, Constraint constraint) {
        return List.of(variable("kernel", 0, type, constraint), variable("bias", 1, type, constraint));
    }

    static Variable variable(String name, int k, DataType type, Constraint constraint) {
        INDArray value = Nd4j.createFromArray(INITIAL[k]).reshape(SHAPES[k]).castTo(type).dup();
        return new Variable(name, "dense/" + name, value, true, null, constraint);
    }

    /** Gives each variable its step-{@code s} gradient, except the ones listed in {@code without}. */
    static void feed(List<Variable> vars, int s, int... without) {
        for (int k = 0; k < vars.size(); k++) {
            Variable v = vars.get(k);
            v.zeroGrad();
            boolean skip = false;
            for (int w : without) skip |= w == k;
            if (!skip) v.addGrad(Nd4j.createFromArray(grad(k, s)).reshape(SHAPES[k]).castTo(v.value().dataType()));
        }
    }

    static double[][] initialCopy() {
        return new double[][]{INITIAL[0].clone(), INITIAL[1].clone()};
    }

    static double[] flat(Variable v) {
        return v.value().castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
    }
}
