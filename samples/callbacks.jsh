// Callbacks, as the course uses them: EarlyStopping stops training when the validation loss has not improved for
// `patience` epochs and puts the best weights back, ModelCheckpoint saves the best model seen so far, CSVLogger
// writes one row of metrics per epoch. Then the files they wrote are listed, and the checkpoint is reloaded.
// Run from the repository root:
//   bin/jkeras-shell samples/callbacks.jsh
// Data: the bundled Iris flowers (datasets/iris.csv). JKERAS_FAST=1: at most 30 epochs, patience 3 (CI).
// Files: target/samples/callbacks/best.keras, target/samples/callbacks/training.csv.
//
// The Keras program it follows:
//   callbacks = [keras.callbacks.EarlyStopping(monitor="val_loss", patience=10, restore_best_weights=True, verbose=1),
//                keras.callbacks.ModelCheckpoint("best.keras", monitor="val_loss", save_best_only=True, verbose=1),
//                keras.callbacks.CSVLogger("training.csv")]
//   model.fit(x_train, y_train, epochs=300, validation_data=(x_val, y_val), callbacks=callbacks, verbose=2)

import io.jkeras.*;
import io.jkeras.callbacks.*;
import io.jkeras.layers.*;
import io.jkeras.models.*;
import io.jkeras.optimizers.Adam;
import io.jkeras.training.FitOptions;
import io.jkeras.utils.*;
import java.nio.file.*;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

boolean fast = "1".equals(System.getenv("JKERAS_FAST"));
Path dir = Files.createDirectories(Path.of("target", "samples", "callbacks"));
Keras.setRandomSeed(3);

// ---- data: 150 Iris flowers, 4 measurements each, standardized; 30% held out, stratified by species
List<String> rows = Files.readAllLines(Path.of("datasets", "iris.csv"));
float[][] features = new float[rows.size() - 1][4];
float[] species = new float[rows.size() - 1];
for (int i = 1; i < rows.size(); i++) {
    String[] f = rows.get(i).split(",");
    for (int j = 0; j < 4; j++) features[i - 1][j] = Float.parseFloat(f[j]);
    species[i - 1] = Float.parseFloat(f[4]);
}
INDArray x = Nd4j.createFromArray(features);
x = x.subRowVector(x.mean(0)).divRowVector(x.std(0));
TrainTestSplit.Split split = TrainTestSplit.trainTestSplit(x, Nd4j.createFromArray(species), 0.3, 3L, true);

// ---- the model
Sequential model = new Sequential(
        new Dense(16).activation("relu").inputShape(4),
        new Dense(3).activation("softmax"));
model.summary();
model.compile(new Adam(0.01), "sparse_categorical_crossentropy", "accuracy");

// ---- training with the three callbacks
String best = dir.resolve("best.keras").toString();
String csv = dir.resolve("training.csv").toString();
EarlyStopping earlyStopping = new EarlyStopping().monitor("val_loss").patience(fast ? 3 : 10).restoreBestWeights(true).verbose(1);
ModelCheckpoint checkpoint = new ModelCheckpoint(best).monitor("val_loss").saveBestOnly(true).verbose(1);
CSVLogger logger = new CSVLogger(csv);
History history = model.fit(split.xTrain(), split.yTrain(), FitOptions.epochs(fast ? 30 : 300).batchSize(16)
        .validationData(split.xTest(), split.yTest()).callbacks(earlyStopping, checkpoint, logger).verbose(2));

// ---- what happened
int epochsRun = history.epoch().size();
if (earlyStopping.stoppedEpoch() > 0) {
    System.out.printf("EarlyStopping stopped training after epoch %d; the best val_loss (%.4f) was at epoch %d, and its weights are back in the model%n",
            earlyStopping.stoppedEpoch() + 1, earlyStopping.best(), earlyStopping.bestEpoch() + 1);
} else {
    System.out.printf("all %d epochs ran (val_loss still improving within patience); best val_loss %.4f at epoch %d%n",
            epochsRun, earlyStopping.best(), earlyStopping.bestEpoch() + 1);
}
System.out.println("files written:");
try (var files = Files.list(dir)) {
    files.sorted().forEach(f -> System.out.printf("  %-40s %,8d bytes%n", f, f.toFile().length()));
}
List<String> lines = Files.readAllLines(Path.of(csv));
System.out.println(csv + " (" + (lines.size() - 1) + " rows), first and last rows:");
lines.stream().limit(3).forEach(l -> System.out.println("  " + l));
System.out.println("  ...");
System.out.println("  " + lines.get(lines.size() - 1));
if (lines.size() - 1 != epochsRun) throw new IllegalStateException("CSVLogger wrote " + (lines.size() - 1) + " rows for " + epochsRun + " epochs");

// ---- the checkpoint holds the best model: reloaded, it scores what the restored model scores
Model reloaded = Models.loadModel(best);
Map<String, Double> fromFile = reloaded.evaluate(split.xTest(), split.yTest());
Map<String, Double> restored = model.evaluate(split.xTest(), split.yTest());
System.out.printf("val_loss of %s: %.4f; of the model after restore_best_weights: %.4f; best seen: %.4f%n",
        best, fromFile.get("loss"), restored.get("loss"), checkpoint.best());
if (Math.abs(fromFile.get("loss") - checkpoint.best()) > 1e-4) throw new IllegalStateException("the checkpoint is not the best model");

System.out.println("callbacks done");
/exit
