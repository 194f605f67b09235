package io.jkeras.callbacks;

import io.jkeras.saving.FilePattern;
import io.jkeras.saving.ModelFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Saves the model or its weights during {@code fit}, as {@code keras.callbacks.ModelCheckpoint}: after
 * every epoch (or every {@code saveFreq} batches), or only when the monitored quantity improved
 * ({@code saveBestOnly}). The file path may hold Keras's named fields with Python format specs, filled
 * from the epoch (counted from 1), the batch (from 1) and the logs: {@code "weights.{epoch:02d}-{val_loss:.2f}.h5"}.
 * Whole models go to {@code .keras} or {@code .h5}; weights ({@code saveWeightsOnly}) to {@code .weights.h5}
 * (Keras 3's layout) or another {@code .h5} (Keras 2's). Every save is atomic.
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.epochs(10).validationSplit(0.2).callbacks(
 *     new ModelCheckpoint("ckpt/best.keras").monitor("val_accuracy").mode("max").saveBestOnly(true).verbose(1)));
 * // Epoch 1: val_accuracy improved from -inf to 0.91250, saving model to ckpt/best.keras
 * }</pre>
 *
 * @see FilePattern
 */
public class ModelCheckpoint extends Callback {
    private static final Logger LOG = LoggerFactory.getLogger(ModelCheckpoint.class);

    private final String filepath;
    private String monitor = "val_loss";
    private int verbose;
    private boolean saveBestOnly;
    private boolean saveWeightsOnly;
    private String mode = "auto";
    private Integer saveFreqBatches;
    private Double best;
    private Boolean greaterIsBetter;
    private PrintStream out;
    private int currentEpoch;
    private int batchesSinceSave;
    private int lastBatch;

    /** @param filepath where to save, possibly with fields such as {@code {epoch:02d}} and {@code {val_loss:.2f}} */
    public ModelCheckpoint(String filepath) {
        if (filepath == null || filepath.isEmpty()) throw new IllegalArgumentException("ModelCheckpoint needs a filepath.");
        this.filepath = filepath;
    }

    /** The logged quantity to watch ({@code "val_loss"} by default). */
    public ModelCheckpoint monitor(String m) { this.monitor = m; return this; }

    /** 0 is silent; 1 prints Keras's messages when it saves or does not. */
    public ModelCheckpoint verbose(int v) { this.verbose = v; return this; }

    /** Save only when the monitored quantity improved on the best so far. */
    public ModelCheckpoint saveBestOnly(boolean b) { this.saveBestOnly = b; return this; }

    /** Save the weights ({@code model.saveWeights}) instead of the whole model. */
    public ModelCheckpoint saveWeightsOnly(boolean b) { this.saveWeightsOnly = b; return this; }

    /** {@code "auto"}, {@code "min"} or {@code "max"}: which way is better for the monitored quantity. */
    public ModelCheckpoint mode(String m) {
        String lower = m.toLowerCase(Locale.ROOT);
        if (!List.of("auto", "min", "max").contains(lower)) {
            LOG.warn("ModelCheckpoint mode '{}' is unknown, fallback to auto mode.", m);
            lower = "auto";
        }
        this.mode = lower;
        return this;
    }

    /** Save at the end of every epoch (the default). */
    public ModelCheckpoint saveFreqEpoch() { this.saveFreqBatches = null; return this; }

    /** Save every {@code batches} training batches instead of every epoch. */
    public ModelCheckpoint saveFreq(int batches) {
        if (batches <= 0) throw new IllegalArgumentException("Unrecognized save_freq: " + batches + ". Expected 'epoch' or a positive integer.");
        this.saveFreqBatches = batches;
        return this;
    }

    /** The starting "best" value: only a better one is saved (with {@code saveBestOnly}). */
    public ModelCheckpoint initialValueThreshold(double v) { this.best = v; return this; }

    /** Where verbose messages go (the current standard output by default). */
    public ModelCheckpoint out(PrintStream o) { this.out = o; return this; }

    /** The best monitored value so far, or {@code null} before the first. */
    public Double best() { return best; }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        String name = filepath.toLowerCase(Locale.ROOT);
        if (saveWeightsOnly && !name.endsWith(".h5")) {
            throw new IllegalArgumentException("When using saveWeightsOnly(true) in ModelCheckpoint, the filepath provided must end in "
                    + "`.weights.h5` (Keras weights format) or `.h5`. Received: filepath=" + filepath);
        }
        if (!saveWeightsOnly && !name.endsWith(".keras") && !name.endsWith(".h5")) {
            throw new IllegalArgumentException("The filepath provided must end in `.keras` (Keras model format). Received: filepath="
                    + filepath);
        }
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        currentEpoch = epoch;
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (saveFreqBatches == null) return;
        // Batches count from 0 again in each epoch.
        batchesSinceSave += batch <= lastBatch ? batch + 1 : batch - lastBatch;
        lastBatch = batch;
        if (batchesSinceSave >= saveFreqBatches) {
            batchesSinceSave = 0;
            save(currentEpoch, batch, logs);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (saveFreqBatches == null) save(epoch, null, logs);
    }

    private void save(int epoch, Integer batch, Map<String, Double> logs) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (logs != null) fields.putAll(logs);
        fields.put("epoch", epoch + 1);
        if (batch != null) fields.put("batch", batch + 1);
        String path = FilePattern.format(filepath, fields);
        if (!shouldSave(epoch, logs, path)) return;
        try {
            if (Files.isDirectory(Path.of(path))) {
                throw new IOException("Please specify a non-directory filepath for ModelCheckpoint. Filepath used is an existing directory: "
                        + path);
            }
            if (saveWeightsOnly) ModelFiles.saveWeights(model(), Path.of(path));
            else ModelFiles.save(model(), Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint could not save to " + path + ": " + e.getMessage(), e);
        }
    }

    private boolean shouldSave(int epoch, Map<String, Double> logs, String path) {
        if (!saveBestOnly) {
            if (verbose > 0) CallbackSupport.println(out, "Epoch " + (epoch + 1) + ": saving model to " + path);
            return true;
        }
        // As Keras, the direction is settled (or refused) at the first check, whether or not the value is logged.
        if (greaterIsBetter == null) greaterIsBetter = direction();
        Double current = logs == null ? null : logs.get(monitor);
        if (current == null) {
            LOG.warn("Can save best model only with {} available.", monitor);
            return true;
        }
        if (best == null) best = greaterIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        String bestText = FilePattern.format("{b:.5f}", Map.of("b", best));
        boolean improved = greaterIsBetter ? current > best : current < best;
        if (improved) {
            if (verbose > 0) {
                CallbackSupport.println(out, "Epoch " + (epoch + 1) + ": " + monitor + " improved from " + bestText + " to "
                        + FilePattern.format("{c:.5f}", Map.of("c", current)) + ", saving model to " + path);
            }
            best = current;
            return true;
        }
        if (verbose > 0) CallbackSupport.println(out, "Epoch " + (epoch + 1) + ": " + monitor + " did not improve from " + bestText);
        return false;
    }

    /** True if larger is better: from mode, or in "auto" from the Keras metric the name stands for. */
    private boolean direction() {
        if (mode.equals("max")) return true;
        if (mode.equals("min")) return false;
        Boolean max = MetricDirection.maximize(monitor, model());
        if (max == null) {
            throw new IllegalArgumentException("ModelCheckpoint callback received monitor=" + monitor + ", but jkeras isn't able "
                    + "to automatically determine whether that metric should be maximized or minimized. Pass mode(\"max\") in "
                    + "order to monitor based on the highest metric value, or pass mode(\"min\") in order to use the lowest value.");
        }
        return max;
    }
}
