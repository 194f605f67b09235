package io.jkeras.optimizers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;

/**
 * Plain-Java-double re-implementations of Keras 3's optimizers, written element by element from the
 * {@code update_step} formulas of keras/src/optimizers/*.py and BaseOptimizer's apply pipeline
 * (filter missing gradients, clip, weight decay, update, iterations += 1). They share no code with
 * the classes under test: they are the "expected" side of the golden trajectories.
 */
final class KerasReference {
    private KerasReference() {
    }

    /** The optimizer-independent pipeline of keras/src/optimizers/base_optimizer.py. */
    abstract static class Ref {
        LongToDoubleFunction lr = step -> 0.01;
        Double clipnorm;
        Double clipvalue;
        Double globalClipnorm;
        Double weightDecay;
        long iterations;
        private final Map<Integer, double[][]> slots = new HashMap<>();

        abstract int slotCount();

        double init(int slot) {
            return 0.0;
        }

        /** Hook run once per step before the per-variable updates (Nadam's u_product). */
        void beforeUpdates() {
        }

        abstract void update(double[] w, double[] g, double[][] s, double lr, long t);

        Ref lr(double v) {
            lr = step -> v;
            return this;
        }

        /** One step; {@code grads[k] == null} means variable k has no gradient this step. */
        void step(double[][] weights, double[][] grads) {
            List<Integer> active = new ArrayList<>();
            List<double[]> gs = new ArrayList<>();
            for (int k = 0; k < weights.length; k++) {
                final int n = weights[k].length;
                slots.computeIfAbsent(k, key -> {
                    double[][] s = new double[slotCount()][n];
                    for (int j = 0; j < s.length; j++) java.util.Arrays.fill(s[j], init(j));
                    return s;
                });
                if (grads[k] != null) {
                    active.add(k);
                    gs.add(grads[k].clone());
                }
            }
            clip(gs);
            double rate = lr.applyAsDouble(iterations);
            if (weightDecay != null) {
                for (int k : active) {
                    double[] w = weights[k];
                    for (int i = 0; i < w.length; i++) w[i] = w[i] - w[i] * weightDecay * rate;
                }
            }
            beforeUpdates();
            for (int a = 0; a < active.size(); a++) {
                int k = active.get(a);
                update(weights[k], gs.get(a), slots.get(k), rate, iterations + 1);
            }
            iterations++;
        }

        private void clip(List<double[]> gs) {
            if (clipnorm != null) {
                for (double[] g : gs) {
                    double norm = Math.sqrt(sumSq(g));
                    for (int i = 0; i < g.length; i++) g[i] = g[i] * clipnorm / Math.max(norm, clipnorm);
                }
            } else if (globalClipnorm != null) {
                double total = 0;
                for (double[] g : gs) total += sumSq(g);
                double norm = Math.sqrt(total);
                double scale = globalClipnorm * Math.min(1 / norm, 1 / globalClipnorm);
                for (double[] g : gs) for (int i = 0; i < g.length; i++) g[i] *= scale;
            } else if (clipvalue != null) {
                for (double[] g : gs) for (int i = 0; i < g.length; i++) g[i] = Math.max(-clipvalue, Math.min(clipvalue, g[i]));
            }
        }

        private static double sumSq(double[] g) {
            double s = 0;
            for (double x : g) s += x * x;
            return s;
        }
    }

    static Ref sgd(double momentum, boolean nesterov) {
        return new Ref() {
            int slotCount() {
                return 1;
            }

            void update(double[] w, double[] g, double[][] s, double lr, long t) {
                double[] m = s[0];
                for (int i = 0; i < w.length; i++) {
                    if (momentum == 0) {
                        w[i] -= g[i] * lr;
                        continue;
                    }
                    m[i] = m[i] * momentum - g[i] * lr;
                    w[i] += nesterov ? m[i] * momentum - g[i] * lr : m[i];
                }
            }
        };
    }

    static Ref rmsprop(double rho, double momentum, double eps, boolean centered) {
        return new Ref() {
            int slotCount() {
                return 3;
            }

            void update(double[] w, double[] g, double[][] s, double lr, long t) {
                double[] v = s[0], mom = s[1], avg = s[2];
                for (int i = 0; i < w.length; i++) {
                    v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
                    double denominator;
                    if (centered) {
                        avg[i] = rho * avg[i] + (1 - rho) * g[i];
                        denominator = v[i] - avg[i] * avg[i] + eps;
                    } else {
                        denominator = v[i] + eps;
                    }
                    double increment = lr * g[i] / Math.sqrt(denominator);
                    if (momentum > 0) {
                        mom[i] = momentum * mom[i] + increment;
                        w[i] -= mom[i];
                    } else {
                        w[i] -= increment;
                    }
                }
            }
        };
    }

    static Ref adam(double b1, double b2, double eps, boolean amsgrad) {
        return new Ref() {
            int slotCount() {
                return 3;
            }

            void update(double[] w, double[] g, double[][] s, double lr, long t) {
                double alpha = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
                double[] m = s[0], v = s[1], vHat = s[2];
                for (int i = 0; i < w.length; i++) {
                    m[i] += (g[i] - m[i]) * (1 - b1);
                    v[i] += (g[i] * g[i] - v[i]) * (1 - b2);
                    double second = v[i];
                    if (amsgrad) {
                        vHat[i] = Math.max(vHat[i], v[i]);
                        second = vHat[i];
                    }
                    w[i] -= m[i] * alpha / (Math.sqrt(second) + eps);
                }
            }
        };
    }

    static Ref adagrad(double initial, double eps) {
        return new Ref() {
            int slotCount() {
                return 1;
            }

            double init(int slot) {
                return initial;
            }

            void update(double[] w, double[] g, double[][] s, double lr, long t) {
                double[] acc = s[0];
                for (int i = 0; i < w.length; i++) {
                    acc[i] += g[i] * g[i];
                    w[i] -= lr * g[i] / Math.sqrt(acc[i] + eps);
                }
            }
        };
    }

    static Ref adadelta(double rho, double eps) {
        return new Ref() {
            int slotCount() {
                return 2;
            }

            void update(double[] w, double[] g, double[][] s, double lr, long t) {
                double[] accGrad = s[0], accDelta = s[1];
                for (int i = 0; i < w.length; i++) {
                    accGrad[i] = rho * accGrad[i] + (1 - rho) * g[i] * g[i];
                    double delta = -(Math.sqrt(accDelta[i] + eps) * g[i]) / Math.sqrt(accGrad[i] + eps);
                    accDelta[i] = rho * accDelta[i] + (1 - rho) * delta * delta;
                    w[i] += lr * delta;
                }
            }
        };
    }

    static Ref adamax(double b1, double b2, double eps) {
        return new Ref() {
            int slotCount() {
                return 2;
            }

            void update(double[] w, double[] g, double[][] s, double lr, long t) {
                double b1Power = Math.pow(b1, t);
                double[] m = s[0], u = s[1];
                for (int i = 0; i < w.length; i++) {
                    m[i] += (g[i] - m[i]) * (1 - b1);
                    u[i] = Math.max(b2 * u[i], Math.abs(g[i]));
                    w[i] -= lr * m[i] / ((1 - b1Power) * (u[i] + eps));
                }
            }
        };
    }

    static Ref nadam(double b1, double b2, double eps) {
        return new Ref() {
            double uProduct = 1.0;

            int slotCount() {
                return 2;
            }

            void beforeUpdates() {
                uProduct = uProduct * b1 * (1.0 - 0.5 * Math.pow(0.96, iterations + 1));
            }

            void update(double[] w, double[] g, double[][] s, double lr, long t) {
                double uT = b1 * (1.0 - 0.5 * Math.pow(0.96, t));
                double uT1 = b1 * (1.0 - 0.5 * Math.pow(0.96, t + 1));
                double uProductT1 = uProduct * uT1;
                double b2Power = Math.pow(b2, t);
                double[] m = s[0], v = s[1];
                for (int i = 0; i < w.length; i++) {
                    m[i] += (g[i] - m[i]) * (1 - b1);
                    v[i] += (g[i] * g[i] - v[i]) * (1 - b2);
                    double mHat = uT1 * m[i] / (1 - uProductT1) + (1 - uT) * g[i] / (1 - uProduct);
                    double vHat = v[i] / (1 - b2Power);
                    w[i] -= mHat * lr / (Math.sqrt(vHat) + eps);
                }
            }
        };
    }

    static Ref ftrl(double lrPower, double initial, double l1, double l2, double l2Shrinkage, double beta) {
        return new Ref() {
            int slotCount() {
                return 2;
            }

            double init(int slot) {
                return slot == 0 ? initial : 0.0;
            }

            void update(double[] w, double[] g, double[][] s, double lr, long t) {
                double[] accum = s[0], linear = s[1];
                double l2Reg = l2 + beta / (2.0 * lr);
                for (int i = 0; i < w.length; i++) {
                    double gradToUse = g[i] + 2 * l2Shrinkage * w[i];
                    double newAccum = accum[i] + g[i] * g[i];
                    linear[i] += gradToUse - (Math.pow(newAccum, -lrPower) - Math.pow(accum[i], -lrPower)) / lr * w[i];
                    double quadratic = Math.pow(newAccum, -lrPower) / lr + 2 * l2Reg;
                    double clipped = Math.max(-l1, Math.min(l1, linear[i]));
                    w[i] = (clipped - linear[i]) / quadratic;
                    accum[i] = newAccum;
                }
            }
        };
    }

    static Ref lion(double b1, double b2) {
        return new Ref() {
            int slotCount() {
                return 1;
            }

            void update(double[] w, double[] g, double[][] s, double lr, long t) {
                double[] m = s[0];
                for (int i = 0; i < w.length; i++) {
                    w[i] -= lr * Math.signum(m[i] * b1 + g[i] * (1.0 - b1));
                    m[i] = m[i] * b2 + g[i] * (1.0 - b2);
                }
            }
        };
    }
}
