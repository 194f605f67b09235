package io.jkeras.optimizers;

import io.jkeras.Variable;
import io.jkeras.optimizers.KerasReference.Ref;
import io.jkeras.optimizers.schedules.ExponentialDecay;
import io.jkeras.optimizers.schedules.PiecewiseConstantDecay;
import io.jkeras.testing.Float64;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Keras parity: each optimizer (and option combination) is fed the fixed gradient sequence of
 * {@link Fixtures} for several steps, and the weights after every step must equal those of the
 * independent plain-double re-implementation of Keras 3's formulas in {@link KerasReference}.
 * The brief's bound is 1e-6; float64 lets the check be much tighter.
 */
@ExtendWith(Float64.class)
class GoldenTrajectoryTest {
    static final int STEPS = 6;
    static final double TOLERANCE = 1e-9;

    static Stream<Arguments> cases() {
        return Stream.of(
                c("SGD", () -> new SGD(0.1), () -> KerasReference.sgd(0, false).lr(0.1)),
                c("SGD defaults", SGD::new, () -> KerasReference.sgd(0, false).lr(0.01)),
                c("SGD momentum", () -> new SGD(0.1).momentum(0.9), () -> KerasReference.sgd(0.9, false).lr(0.1)),
                c("SGD nesterov", () -> new SGD(0.1).momentum(0.9).nesterov(true), () -> KerasReference.sgd(0.9, true).lr(0.1)),
                c("SGD weight decay", () -> new SGD(0.1).momentum(0.5).weightDecay(0.05),
                        () -> wd(KerasReference.sgd(0.5, false).lr(0.1), 0.05)),
                c("SGD piecewise schedule", () -> new SGD(new PiecewiseConstantDecay(new double[]{1, 3}, new double[]{0.1, 0.05, 0.01})).momentum(0.9),
                        () -> {
                            Ref r = KerasReference.sgd(0.9, false);
                            r.lr = step -> step <= 1 ? 0.1 : step <= 3 ? 0.05 : 0.01;
                            return r;
                        }),
                c("RMSprop", () -> new RMSprop(0.01), () -> KerasReference.rmsprop(0.9, 0, 1e-7, false).lr(0.01)),
                c("RMSprop defaults", RMSprop::new, () -> KerasReference.rmsprop(0.9, 0, 1e-7, false).lr(0.001)),
                c("RMSprop momentum", () -> new RMSprop(0.01).momentum(0.8).rho(0.7),
                        () -> KerasReference.rmsprop(0.7, 0.8, 1e-7, false).lr(0.01)),
                c("RMSprop centered", () -> new RMSprop(0.01).centered(true), () -> KerasReference.rmsprop(0.9, 0, 1e-7, true).lr(0.01)),
                c("RMSprop centered momentum", () -> new RMSprop(0.01).centered(true).momentum(0.5).epsilon(1e-3),
                        () -> KerasReference.rmsprop(0.9, 0.5, 1e-3, true).lr(0.01)),
                c("Adam", () -> new Adam(0.05), () -> KerasReference.adam(0.9, 0.999, 1e-7, false).lr(0.05)),
                c("Adam defaults", Adam::new, () -> KerasReference.adam(0.9, 0.999, 1e-7, false).lr(0.001)),
                c("Adam amsgrad", () -> new Adam(0.05).beta1(0.8).beta2(0.9).amsgrad(true),
                        () -> KerasReference.adam(0.8, 0.9, 1e-7, true).lr(0.05)),
                c("Adam clipnorm", () -> new Adam(0.05).clipnorm(0.7), () -> clip(KerasReference.adam(0.9, 0.999, 1e-7, false).lr(0.05), 0.7, null, null)),
                c("Adam clipvalue", () -> new Adam(0.05).clipvalue(0.4), () -> clip(KerasReference.adam(0.9, 0.999, 1e-7, false).lr(0.05), null, 0.4, null)),
                c("Adam globalClipnorm", () -> new Adam(0.05).globalClipnorm(0.5),
                        () -> clip(KerasReference.adam(0.9, 0.999, 1e-7, false).lr(0.05), null, null, 0.5)),
                c("Adam weight decay", () -> new Adam(0.05).weightDecay(0.1), () -> wd(KerasReference.adam(0.9, 0.999, 1e-7, false).lr(0.05), 0.1)),
                c("Adam exponential decay", () -> new Adam(new ExponentialDecay(0.1, 2, 0.5)),
                        () -> {
                            Ref r = KerasReference.adam(0.9, 0.999, 1e-7, false);
                            r.lr = step -> 0.1 * Math.pow(0.5, step / 2.0);
                            return r;
                        }),
                c("AdamW defaults", AdamW::new, () -> wd(KerasReference.adam(0.9, 0.999, 1e-7, false).lr(0.001), 0.004)),
                c("AdamW", () -> new AdamW(0.05).amsgrad(true).weightDecay(0.1),
                        () -> wd(KerasReference.adam(0.9, 0.999, 1e-7, true).lr(0.05), 0.1)),
                c("Adagrad", () -> new Adagrad(0.1), () -> KerasReference.adagrad(0.1, 1e-7).lr(0.1)),
                c("Adagrad defaults", Adagrad::new, () -> KerasReference.adagrad(0.1, 1e-7).lr(0.001)),
                c("Adagrad zero accumulator", () -> new Adagrad(0.1).initialAccumulatorValue(0.0).clipnorm(0.7),
                        () -> clip(KerasReference.adagrad(0.0, 1e-7).lr(0.1), 0.7, null, null)),
                c("Adadelta", () -> new Adadelta(1.0), () -> KerasReference.adadelta(0.95, 1e-7).lr(1.0)),
                c("Adadelta defaults", Adadelta::new, () -> KerasReference.adadelta(0.95, 1e-7).lr(0.001)),
                c("Adadelta rho", () -> new Adadelta(1.0).rho(0.5).epsilon(1e-4), () -> KerasReference.adadelta(0.5, 1e-4).lr(1.0)),
                c("Adamax", () -> new Adamax(0.05), () -> KerasReference.adamax(0.9, 0.999, 1e-7).lr(0.05)),
                c("Adamax defaults", Adamax::new, () -> KerasReference.adamax(0.9, 0.999, 1e-7).lr(0.001)),
                c("Adamax betas", () -> new Adamax(0.05).beta1(0.5).beta2(0.6).globalClipnorm(0.5),
                        () -> clip(KerasReference.adamax(0.5, 0.6, 1e-7).lr(0.05), null, null, 0.5)),
                c("Nadam", () -> new Nadam(0.05), () -> KerasReference.nadam(0.9, 0.999, 1e-7).lr(0.05)),
                c("Nadam defaults", Nadam::new, () -> KerasReference.nadam(0.9, 0.999, 1e-7).lr(0.001)),
                c("Nadam betas", () -> new Nadam(0.05).beta1(0.7).beta2(0.9).clipvalue(0.4),
                        () -> clip(KerasReference.nadam(0.7, 0.9, 1e-7).lr(0.05), null, 0.4, null)),
                c("Ftrl defaults", Ftrl::new, () -> KerasReference.ftrl(-0.5, 0.1, 0, 0, 0, 0).lr(0.001)),
                c("Ftrl", () -> new Ftrl(0.5), () -> KerasReference.ftrl(-0.5, 0.1, 0, 0, 0, 0).lr(0.5)),
                c("Ftrl regularized", () -> new Ftrl(0.5).learningRatePower(-0.7).initialAccumulatorValue(0.2)
                                .l1RegularizationStrength(0.01).l2RegularizationStrength(0.02)
                                .l2ShrinkageRegularizationStrength(0.03).beta(0.5),
                        () -> KerasReference.ftrl(-0.7, 0.2, 0.01, 0.02, 0.03, 0.5).lr(0.5)),
                c("Ftrl fixed rate", () -> new Ftrl(0.5).learningRatePower(0.0).l1RegularizationStrength(0.3),
                        () -> KerasReference.ftrl(0.0, 0.1, 0.3, 0, 0, 0).lr(0.5)),
                c("Lion", () -> new Lion(0.01), () -> KerasReference.lion(0.9, 0.99).lr(0.01)),
                c("Lion defaults", Lion::new, () -> KerasReference.lion(0.9, 0.99).lr(0.001)),
                c("Lion weight decay", () -> new Lion(0.01).beta1(0.8).beta2(0.95).weightDecay(0.5),
                        () -> wd(KerasReference.lion(0.8, 0.95).lr(0.01), 0.5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void followsKerasTrajectory(String name, Supplier<Optimizer> optimizer, Supplier<Ref> reference) {
        check(name, optimizer.get(), reference.get(), -1);
    }

    /** Variable 1 gets no gradient at step 3: it must not move, and the global step count still advances. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void followsKerasTrajectoryWithAMissingGradient(String name, Supplier<Optimizer> optimizer, Supplier<Ref> reference) {
        check(name, optimizer.get(), reference.get(), 3);
    }

    private static void check(String name, Optimizer opt, Ref ref, int stepWithoutBiasGrad) {
        List<Variable> vars = Fixtures.variables(DataType.DOUBLE);
        double[][] expected = Fixtures.initialCopy();
        for (int s = 0; s < STEPS; s++) {
            boolean skip = s == stepWithoutBiasGrad;
            if (skip) Fixtures.feed(vars, s, 1);
            else Fixtures.feed(vars, s);
            opt.apply(vars);
            ref.step(expected, new double[][]{Fixtures.grad(0, s), skip ? null : Fixtures.grad(1, s)});
            for (int k = 0; k < vars.size(); k++) {
                double[] actual = Fixtures.flat(vars.get(k));
                for (int i = 0; i < actual.length; i++) {
                    int step = s;
                    int var = k;
                    int el = i;
                    assertEquals(expected[k][i], actual[i], TOLERANCE,
                            () -> name + ": step " + step + ", variable " + var + ", element " + el);
                }
            }
        }
        assertEquals(STEPS, opt.iterations());
    }

    private static Arguments c(String name, Supplier<Optimizer> optimizer, Supplier<Ref> reference) {
        return Arguments.of(name, optimizer, reference);
    }

    private static Ref wd(Ref r, double weightDecay) {
        r.weightDecay = weightDecay;
        return r;
    }

    private static Ref clip(Ref r, Double clipnorm, Double clipvalue, Double globalClipnorm) {
        r.clipnorm = clipnorm;
        r.clipvalue = clipvalue;
        r.globalClipnorm = globalClipnorm;
        return r;
    }
}
