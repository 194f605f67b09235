package io.jkeras.metrics;

/**
 * The area under a curve from confusion counts at T thresholds, as Keras's {@code AUC.result} and
 * {@code AUC.interpolate_pr_auc} compute it ({@code keras/src/metrics/confusion_metrics.py}). Thresholds
 * ascend, so the points run from (1, 1) towards (0, 0); each of the T - 1 intervals adds one term. This
 * is the only Java loop in the metric, over thresholds, never over samples.
 */
final class AucArea {
    private AucArea() {
    }

    /**
     * ROC, or PR with "minoring"/"majoring": a Riemann sum of {@code (x[i] - x[i+1]) * height(y[i], y[i+1])}
     * with x the false-positive rate (ROC) or recall (PR), y the recall (ROC) or precision (PR), and the
     * height the mid-point ("interpolation"), the minimum ("minoring") or the maximum ("majoring").
     */
    static double riemann(ConfusionCounts c, boolean roc, String summation) {
        int n = c.tp.length;
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            double recall = ThresholdMetric.divideNoNan(c.tp[i], c.tp[i] + c.fn[i]);
            if (roc) {
                x[i] = ThresholdMetric.divideNoNan(c.fp[i], c.fp[i] + c.tn[i]);
                y[i] = recall;
            } else {
                x[i] = recall;
                y[i] = ThresholdMetric.divideNoNan(c.tp[i], c.tp[i] + c.fp[i]);
            }
        }
        double area = 0;
        for (int i = 0; i < n - 1; i++) {
            double height = switch (summation) {
                case "minoring" -> Math.min(y[i], y[i + 1]);
                case "majoring" -> Math.max(y[i], y[i + 1]);
                default -> (y[i] + y[i + 1]) / 2.0;
            };
            area += (x[i] - x[i + 1]) * height;
        }
        return area;
    }

    /**
     * PR with "interpolation": Davis and Goadrich's interpolation, in the closed form Keras derives. Within
     * an interval, TP and P = TP + FP vary linearly, so precision is {@code (TP_A + s (P - P_A)) / P} with
     * slope {@code s = dTP / dP}; integrating over recall gives
     * {@code s (dTP + b log(P_A / P_B)) / (TP_B + FN_B)} with intercept {@code b = TP_B - s P_B}. Where
     * either P is 0 the log term is dropped (the ratio is taken as 1), which imputes a constant precision
     * over the first interval holding positives.
     */
    static double interpolatedPr(ConfusionCounts c) {
        int n = c.tp.length;
        double area = 0;
        for (int i = 0; i < n - 1; i++) {
            double pA = c.tp[i] + c.fp[i];
            double pB = c.tp[i + 1] + c.fp[i + 1];
            double dtp = c.tp[i] - c.tp[i + 1];
            double dp = pA - pB;
            double slope = ThresholdMetric.divideNoNan(dtp, Math.max(dp, 0));
            double intercept = c.tp[i + 1] - slope * pB;
            double ratio = pA > 0 && pB > 0 ? ThresholdMetric.divideNoNan(pA, Math.max(pB, 0)) : 1.0;
            area += ThresholdMetric.divideNoNan(slope * (dtp + intercept * Math.log(ratio)), Math.max(c.tp[i + 1] + c.fn[i + 1], 0));
        }
        return area;
    }
}
