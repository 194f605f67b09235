package io.jkeras.metrics;

import io.jkeras.saving.Config;
import io.jkeras.utils.Names;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@link Precision} and {@link Recall} share: Keras's {@code thresholds}, {@code top_k} and
 * {@code class_id} arguments, the confusion counts they accumulate, and their config. One result per
 * threshold; {@link #result()} is the single value when there is one threshold.
 */
abstract class ThresholdMetric extends Metric {
    private Object initThresholds;   // as given: null, a Double, or a List<Double> (written back to the config)
    private Integer topK;
    private Integer classId;
    private double[] thresholds;
    private boolean evenly;
    private ConfusionCounts counts;

    ThresholdMetric(String name) {
        super(name);
        setup(null, null);
    }

    /** Keras's automatic name for a metric class: its snake_case, made unique ({@code precision}, {@code precision_1}, …). */
    static String autoName(Class<?> type) {
        return Names.unique(Names.snakeCase(type.getSimpleName()));
    }

    /** The metric per threshold from the accumulated counts. */
    abstract double[] compute(ConfusionCounts c);

    /** Keras's {@code parse_init_thresholds}: the default is 0.5, or -1e10 (every prediction) with top_k. */
    private void setup(Object init, Integer topK) {
        double[] th;
        if (init == null) {
            th = new double[]{topK == null ? 0.5 : TopK.NEG_INF};
        } else if (init instanceof Number n) {
            th = new double[]{n.doubleValue()};
        } else {
            List<?> l = (List<?>) init;
            th = new double[l.size()];
            for (int i = 0; i < th.length; i++) th[i] = ((Number) l.get(i)).doubleValue();
        }
        if (init != null) {
            for (double t : th) {
                if (!(t >= 0 && t <= 1)) throw new IllegalArgumentException("Threshold values must be in [0, 1]. Received: " + t);
            }
        }
        this.initThresholds = init;
        this.topK = topK;
        this.thresholds = th;
        this.evenly = ConfusionCounts.evenlyDistributed(th);
        this.counts = new ConfusionCounts(th.length);
    }

    void setThresholds(double... values) {
        Object init;
        if (values == null) init = null;
        else if (values.length == 1) init = values[0];
        else {
            List<Double> l = new ArrayList<>();
            for (double v : values) l.add(v);
            init = l;
        }
        setup(init, topK);
    }

    void thresholdsFromConfig(Object init) {
        setup(init instanceof List<?> l ? new ArrayList<>(l) : init, topK);
    }

    void setTopK(Integer k) {
        if (k != null && k < 1) throw new IllegalArgumentException("Argument `top_k` must be a positive integer. Received: top_k=" + k);
        setup(initThresholds, k);
    }

    void setClassId(Integer id) {
        this.classId = id;
        counts.reset();
    }

    Integer getTopK() {
        return topK;
    }

    Integer getClassId() {
        return classId;
    }

    /** The thresholds in use (a copy). */
    public double[] thresholdValues() {
        return thresholds.clone();
    }

    @Override
    public void updateState(INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        counts.update(yTrue, yPred, sampleWeight, thresholds, evenly, topK, classId, null, name());
    }

    /** One value per threshold. */
    public double[] results() {
        return compute(counts);
    }

    /**
     * The value at the single threshold.
     *
     * @throws IllegalStateException with several thresholds (use {@link #results()})
     */
    @Override
    public double result() {
        if (thresholds.length != 1) {
            throw new IllegalStateException("Metric \"" + name() + "\" has " + thresholds.length + " thresholds and so one result per threshold; call results().");
        }
        return results()[0];
    }

    @Override
    public void resetState() {
        counts.reset();
    }

    /** Accumulated weighted true positives per threshold (Keras's {@code true_positives}). */
    public double[] truePositives() {
        return counts.tp.clone();
    }

    ConfusionCounts counts() {
        return counts;
    }

    @Override
    public String direction() {
        return "up";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("thresholds", initThresholds);
        c.put("top_k", topK);
        c.put("class_id", classId);
        return c;
    }

    /** Applies {@code thresholds}, {@code top_k} and {@code class_id} from a Keras config. */
    static <T extends ThresholdMetric> T configure(T m, Config c) {
        Metrics.base(m, c);
        Object k = c.get("top_k");
        m.setTopK(k == null ? null : ((Number) k).intValue());
        m.thresholdsFromConfig(c.get("thresholds"));
        Object id = c.get("class_id");
        m.setClassId(id == null ? null : ((Number) id).intValue());
        return m;
    }

    /** Keras's {@code divide_no_nan}. */
    static double divideNoNan(double a, double b) {
        return b == 0 ? 0.0 : a / b;
    }
}
