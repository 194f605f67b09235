package io.jkeras.callbacks;

import io.jkeras.models.Model;
import io.jkeras.saving.AtomicWrite;
import io.jkeras.saving.Json;
import io.jkeras.saving.ModelFiles;
import io.jkeras.training.EpochResumer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Backs up the training state so that an interrupted {@code fit} can resume, as
 * {@code keras.callbacks.BackupAndRestore}: at the end of each epoch (or every {@code saveFreq} batches)
 * it writes the model's weights with the optimizer's variables ({@code backup-<n>.weights.h5}, Keras 3's
 * layout) and then {@code training_metadata.json} ({@code {"epoch": next epoch, "batch": ..., "weights":
 * file}}). The metadata is written last and atomically, so it always names a complete weights file: a
 * crash at any moment leaves the previous backup usable. When {@code fit} starts and a backup exists, the
 * weights and optimizer state are restored and {@link #resumeEpoch()} tells {@code fit} which epoch to
 * resume at. After a successful {@code fit} the backup is deleted ({@code deleteCheckpoint}).
 *
 * <p>{@code fit} cooperates through {@link EpochResumer}: the model is built and compiled before
 * {@code onTrainBegin}, and the epoch loop starts at {@code resumeEpoch()} when that is later.
 *
 * <pre>{@code
 * var backup = new BackupAndRestore("/tmp/backup");
 * model.fit(x, y, FitOptions.epochs(10).callbacks(backup));   // interrupted during epoch 4 (0-based)...
 * model.fit(x, y, FitOptions.epochs(10).callbacks(backup));   // ...runs epochs 4 to 9 only
 * }</pre>
 */
public class BackupAndRestore extends Callback implements EpochResumer {
    /** Keras's name for the metadata file. */
    public static final String METADATA = "training_metadata.json";
    private static final String PREFIX = "backup-";
    private static final String SUFFIX = ".weights.h5";

    private final Path dir;
    private Integer saveFreqBatches;
    private boolean deleteCheckpoint = true;
    private Integer initialEpoch;
    private int currentEpoch;
    private int lastBatch;
    private int batchesSinceSave;
    private long generation;

    /** @param backupDir a directory for this training run only (created when needed) */
    public BackupAndRestore(String backupDir) {
        if (backupDir == null || backupDir.isEmpty()) throw new IllegalArgumentException("Empty `backup_dir` argument passed");
        this.dir = Path.of(backupDir);
    }

    /** Back up every {@code batches} training batches instead of every epoch. */
    public BackupAndRestore saveFreq(int batches) {
        if (batches <= 0) {
            throw new IllegalArgumentException("Invalid value for argument `save_freq`. Received: save_freq=" + batches
                    + ". Expected either 'epoch' or a positive integer value.");
        }
        this.saveFreqBatches = batches;
        return this;
    }

    /** Keep the backup after a successful {@code fit} ({@code false}) or delete it ({@code true}, the default). */
    public BackupAndRestore deleteCheckpoint(boolean d) {
        this.deleteCheckpoint = d;
        return this;
    }

    /** The backup directory. */
    public Path backupDir() {
        return dir;
    }

    /**
     * The epoch (0-based) at which {@code fit} resumes, once {@link #onTrainBegin} has restored a backup; 0 when
     * there was none. {@code fit} asks every {@link EpochResumer} after {@code onTrainBegin}.
     */
    @Override
    public int resumeEpoch() {
        return initialEpoch == null ? 0 : initialEpoch;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        initialEpoch = null;
        batchesSinceSave = 0;
        lastBatch = 0;
        try {
            restore();
        } catch (IOException e) {
            throw new UncheckedIOException("BackupAndRestore could not restore from " + dir + ": " + e.getMessage(), e);
        }
    }

    private void restore() throws IOException {
        Path meta = dir.resolve(METADATA);
        if (!Files.exists(meta)) return;
        Model model = model();
        if (!model.hasGraph()) {
            throw new IllegalStateException("To use the BackupAndRestore callback, your model must be built before you call fit(). "
                    + "Model \"" + model.name() + "\" is unbuilt. You can build it beforehand by calling it on a batch of data.");
        }
        Map<String, Object> m;
        try {
            m = Json.read(Files.readString(meta));
        } catch (IllegalArgumentException e) {
            throw new IOException(meta + ": not valid backup metadata (" + e.getMessage() + ")", e);
        }
        if (!(m.get("epoch") instanceof Number epoch)) throw new IOException(meta + ": no \"epoch\" in the backup metadata");
        String weights = m.get("weights") instanceof String w ? w : "latest.weights.h5";
        Path file = dir.resolve(weights);
        if (Files.exists(file)) ModelFiles.loadWeights(model, file, false, false);
        if (m.get("generation") instanceof Number g) generation = g.longValue();
        initialEpoch = epoch.intValue();
        currentEpoch = initialEpoch;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        currentEpoch = epoch;
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (saveFreqBatches == null) return;
        batchesSinceSave += batch <= lastBatch ? batch + 1 : batch - lastBatch;
        lastBatch = batch;
        if (batchesSinceSave >= saveFreqBatches) {
            batchesSinceSave = 0;
            save();
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        // The epoch is complete: a resumed fit starts at the next one.
        currentEpoch = epoch + 1;
        lastBatch = 0;
        if (saveFreqBatches == null) save();
    }

    private void save() {
        try {
            Files.createDirectories(dir);
            generation++;
            String weights = PREFIX + generation + SUFFIX;
            ModelFiles.saveWeights(model(), dir.resolve(weights));
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("epoch", currentEpoch);
            meta.put("batch", lastBatch);
            meta.put("weights", weights);
            meta.put("generation", generation);
            // The commit point: from here on the new weights are the backup.
            AtomicWrite.write(dir.resolve(METADATA), tmp -> Files.writeString(tmp, Json.write(meta)));
            deleteWeightFilesExcept(weights);
        } catch (IOException e) {
            throw new UncheckedIOException("BackupAndRestore could not back up to " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        initialEpoch = null;
        if (!deleteCheckpoint || !Files.isDirectory(dir)) return;
        try {
            // Metadata first, so an interruption here never leaves it naming a deleted file.
            Files.deleteIfExists(dir.resolve(METADATA));
            deleteWeightFilesExcept(null);
            try (DirectoryStream<Path> rest = Files.newDirectoryStream(dir)) {
                if (!rest.iterator().hasNext()) Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("BackupAndRestore could not delete its backup in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Removes this callback's weight files (all but {@code keep}); other files in the directory are left alone. */
    private void deleteWeightFilesExcept(String keep) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path f : files) if (!f.getFileName().toString().equals(keep)) Files.deleteIfExists(f);
        }
    }
}
