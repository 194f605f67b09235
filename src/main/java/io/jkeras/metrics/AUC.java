package io.jkeras.metrics;

import io.jkeras.Keras;
import io.jkeras.saving.Config;
import io.jkeras.utils.Names;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The area under the ROC or precision-recall curve, {@code keras.metrics.AUC}, approximated as Keras
 * does: true/false positives and negatives are counted over the epoch at {@code num_thresholds}
 * thresholds ({@code -1e-7, 1/(n-1), …, (n-2)/(n-1), 1 + 1e-7}), then the curve through those points is
 * summed ({@link AucArea}). Keras name {@code "AUC"}; default metric name automatic and unique,
 * {@code "auc"}, then {@code "auc_1"}, …
 *
 * <p>Parameters (Keras defaults): {@code num_thresholds=200} (more than 1), {@code curve="ROC"} or
 * {@code "PR"}, {@code summation_method="interpolation"} (ROC: trapezoids; PR: Davis and Goadrich's
 * interpolation of TP and FP, not of precision) or {@code "minoring"} / {@code "majoring"} (lower and upper
 * Riemann bounds), {@code thresholds} (null, or explicit thresholds in [0, 1] used instead of
 * num_thresholds, with -1e-7 and 1 + 1e-7 added at the ends), {@code label_weights} (null, or one weight
 * per label of the last axis, applied to the flattened predictions), {@code from_logits=false} (true
 * applies a sigmoid first). {@code multi_label=true} (one AUC per label, averaged) is not supported.
 *
 * <p>Inputs: y_true 0/1 labels (non-zero means positive) and y_pred probabilities of the same shape,
 * (N,), (N, 1) or (N, L) (flattened: every label-prediction pair is one point); sample weights (N,) or
 * of y_true's shape. Counting is ND4J ops per batch (see {@link ConfusionCounts}).
 *
 * <pre>{@code
 * jshell> var m = new AUC().numThresholds(3);
 * jshell> m.updateState(Nd4j.createFromArray(0f, 0f, 1f, 1f), Nd4j.createFromArray(0f, 0.5f, 0.3f, 0.9f), null);
 * jshell> m.result()      // tp = [2, 1, 0], fp = [2, 0, 0]: recall [1, 0.5, 0], fpr [1, 0, 0]
 * $3 ==> 0.75
 * jshell> new AUC().curve("PR")
 * }</pre>
 */
public class AUC extends Metric {
    private int numThresholds = 200;
    private List<Double> initThresholds;   // user thresholds, sorted, without the end points; null if none
    private String curve = "ROC";
    private String summationMethod = "interpolation";
    private boolean fromLogits;
    private double[] labelWeights;
    private double[] thresholds;
    private boolean evenly;
    private ConfusionCounts counts;

    /** An ROC AUC with 200 thresholds, automatically named ({@code auc}, {@code auc_1}, …). */
    public AUC() {
        this(Names.unique("auc"));
    }

    /** An ROC AUC with 200 thresholds and the given name (no automatic name is used up). */
    public AUC(String name) {
        super(name);
        setup();
    }

    /** Builds the thresholds and empty counts from the current arguments. */
    private void setup() {
        List<Double> inner = new ArrayList<>();
        if (initThresholds != null) {
            inner.addAll(initThresholds);
            numThresholds = inner.size() + 2;
            double[] withEnds = new double[numThresholds];
            withEnds[numThresholds - 1] = 1.0;
            for (int i = 0; i < inner.size(); i++) withEnds[i + 1] = inner.get(i);
            evenly = ConfusionCounts.evenlyDistributed(withEnds);
        } else {
            for (int i = 0; i < numThresholds - 2; i++) inner.add((i + 1) * 1.0 / (numThresholds - 1));
            evenly = true;
        }
        thresholds = new double[numThresholds];
        thresholds[0] = -Keras.EPSILON;           // end points catch predictions of exactly 0 and 1
        thresholds[numThresholds - 1] = 1.0 + Keras.EPSILON;
        for (int i = 0; i < inner.size(); i++) thresholds[i + 1] = inner.get(i);
        counts = new ConfusionCounts(numThresholds);
    }

    @Override
    public void updateState(INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        // a new array: castTo may return y_pred itself, which must not be overwritten
        INDArray p = fromLogits ? Transforms.sigmoid(MetricOps.as(yPred, MetricOps.floatType(yPred)), true) : yPred;
        INDArray lw = labelWeights == null ? null : Nd4j.createFromArray(labelWeights);
        counts.update(yTrue, p, sampleWeight, thresholds, evenly, null, null, lw, name());
    }

    @Override
    public double result() {
        boolean roc = curve.equals("ROC");
        if (!roc && summationMethod.equals("interpolation")) return AucArea.interpolatedPr(counts);
        return AucArea.riemann(counts, roc, summationMethod);
    }

    @Override
    public void resetState() {
        counts.reset();
    }

    /** The thresholds in use, end points included (a copy). */
    public double[] thresholds() {
        return thresholds.clone();
    }

    /** Accumulated weighted true positives per threshold (Keras's {@code true_positives}). */
    public double[] truePositives() {
        return counts.tp.clone();
    }

    /** Accumulated weighted false positives per threshold. */
    public double[] falsePositives() {
        return counts.fp.clone();
    }

    /** Accumulated weighted true negatives per threshold. */
    public double[] trueNegatives() {
        return counts.tn.clone();
    }

    /** Accumulated weighted false negatives per threshold. */
    public double[] falseNegatives() {
        return counts.fn.clone();
    }

    /** The number of thresholds, end points included. */
    public int numThresholds() {
        return numThresholds;
    }

    /** Sets the number of evenly spaced thresholds (more than 1); clears explicit thresholds and the state; returns this metric. */
    public AUC numThresholds(int n) {
        if (n <= 1) throw new IllegalArgumentException("Argument `num_thresholds` must be an integer > 1. Received: num_thresholds=" + n);
        numThresholds = n;
        initThresholds = null;
        setup();
        return this;
    }

    /** Sets explicit thresholds in [0, 1] (end points -1e-7 and 1 + 1e-7 are added); resets the state; returns this metric. */
    public AUC thresholds(double... values) {
        List<Double> l = new ArrayList<>();
        for (double v : values) {
            if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException("Threshold values must be in [0, 1]. Received: " + v);
            l.add(v);
        }
        l.sort(null);
        initThresholds = l;
        setup();
        return this;
    }

    /** "ROC" or "PR". */
    public String curve() {
        return curve;
    }

    /** Sets the curve, {@code "ROC"} or {@code "PR"} (either case); returns this metric. */
    public AUC curve(String curve) {
        String c = curve == null ? "" : curve;
        if (!c.equals("ROC") && !c.equals("roc") && !c.equals("PR") && !c.equals("pr")) {
            throw new IllegalArgumentException("Invalid AUC curve value: \"" + curve + "\". Expected values are [\"PR\", \"ROC\"]");
        }
        this.curve = c.toUpperCase(Locale.ROOT);
        return this;
    }

    /** "interpolation", "minoring" or "majoring". */
    public String summationMethod() {
        return summationMethod;
    }

    /** Sets the summation method, {@code "interpolation"}, {@code "minoring"} or {@code "majoring"} (capitalised too); returns this metric. */
    public AUC summationMethod(String method) {
        String m = method == null ? "" : method;
        String lower = m.toLowerCase(Locale.ROOT);
        boolean known = List.of("interpolation", "minoring", "majoring").contains(lower)
                && (m.equals(lower) || m.equals(Character.toUpperCase(lower.charAt(0)) + lower.substring(1)));
        if (!known) {
            throw new IllegalArgumentException("Invalid AUC summation method value: \"" + method
                    + "\". Expected values are [\"interpolation\", \"majoring\", \"minoring\"]");
        }
        this.summationMethod = lower;
        return this;
    }

    /** Whether y_pred holds logits. */
    public boolean fromLogits() {
        return fromLogits;
    }

    /** Sets whether y_pred holds logits (a sigmoid is applied first); returns this metric. */
    public AUC fromLogits(boolean fromLogits) {
        this.fromLogits = fromLogits;
        return this;
    }

    /** Sets one weight per label (the last axis of y_pred), or null; returns this metric. */
    public AUC labelWeights(double... weights) {
        this.labelWeights = weights == null ? null : weights.clone();
        return this;
    }

    /** Refuses {@code multi_label=true}, which jkeras does not implement; false is accepted. */
    public AUC multiLabel(boolean multiLabel) {
        if (multiLabel) {
            throw new UnsupportedOperationException("AUC with multi_label=True (one AUC per label, averaged) is not implemented in jkeras; "
                    + "multi_label=False flattens the labels.");
        }
        return this;
    }

    @Override
    public String direction() {
        return "up";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("num_thresholds", numThresholds);
        c.put("curve", curve);
        c.put("summation_method", summationMethod);
        c.put("multi_label", false);
        c.put("num_labels", null);
        List<Double> lw = null;
        if (labelWeights != null) {
            lw = new ArrayList<>();
            for (double w : labelWeights) lw.add(w);
        }
        c.put("label_weights", lw);
        c.put("from_logits", fromLogits);
        if (initThresholds != null) c.put("thresholds", new ArrayList<>(initThresholds));
        return c;
    }

    @Override
    public AUC name(String name) {
        super.name(name);
        return this;
    }

    /** From a Keras config (the keys of {@link #getConfig()}; {@code multi_label} must be false). */
    public static AUC fromConfig(Config c) {
        String name = c.getString("name", null);
        AUC m = Metrics.base(name == null ? new AUC() : new AUC(name), c);
        m.multiLabel(c.getBoolean("multi_label", false));
        Object th = c.get("thresholds");
        if (th instanceof List<?> l) {
            m.thresholds(l.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray());
        } else {
            m.numThresholds(c.getInt("num_thresholds", 200));
        }
        m.curve(c.getString("curve", "ROC")).summationMethod(c.getString("summation_method", "interpolation"));
        m.fromLogits(c.getBoolean("from_logits", false));
        Object lw = c.get("label_weights");
        if (lw instanceof List<?> l) m.labelWeights(l.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray());
        return m;
    }
}
