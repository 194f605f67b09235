// Saving and reloading, in each of Keras's forms: the whole model as .keras (Keras 3's zip) and as .h5 (Keras 2's
// HDF5 file), the weights alone as .weights.h5, and the architecture alone as JSON. Every reloaded model must
// predict exactly what the trained one predicts; the optimizer state comes back too, so training can go on.
// Run from the repository root:
//   bin/jkeras-shell samples/save_reload.jsh
// JKERAS_FAST=1 trains for 2 epochs instead of 10 (CI). Files: target/samples/save_reload/.
//
// The Keras program it follows:
//   model.save("model.keras");  model.save("model.h5");  model.save_weights("model.weights.h5")
//   json = model.to_json()
//   a = keras.models.load_model("model.keras");  b = keras.models.load_model("model.h5")
//   c = keras.models.model_from_json(json);  c.load_weights("model.weights.h5")
//   np.testing.assert_array_equal(a.predict(x), model.predict(x))

import io.jkeras.*;
import io.jkeras.layers.*;
import io.jkeras.models.*;
import io.jkeras.optimizers.Adam;
import io.jkeras.training.FitOptions;
import java.nio.file.*;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

boolean fast = "1".equals(System.getenv("JKERAS_FAST"));
Path dir = Files.createDirectories(Path.of("target", "samples", "save_reload"));
Keras.setRandomSeed(5);

// ---- a small Functional model with layers that have state beyond their kernels (BatchNormalization's moving
// statistics) and behave differently in training (Dropout), trained on a synthetic 3-class problem
int n = 512;
INDArray x = Nd4j.randn(DataType.FLOAT, n, 8);
// (JShell ends a statement at the end of a line where it is complete: continuation lines go inside parentheses)
INDArray y = x.getColumn(0).add(x.getColumn(1)).gt(0.5).castTo(DataType.FLOAT).add(
        x.getColumn(2).sub(x.getColumn(3)).gt(0).castTo(DataType.FLOAT));   // labels 0, 1, 2

KerasTensor inputs = Input.shape(8);
KerasTensor h = new Dense(32).activation("relu").name("hidden").apply(inputs);
h = new BatchNormalization().apply(h);
h = new Dropout(0.2).apply(h);
KerasTensor outputs = new Dense(3).activation("softmax").name("classes").apply(h);
Model model = new Model(inputs, outputs);
model.summary();
model.compile(new Adam(1e-2), "sparse_categorical_crossentropy", "accuracy");
model.fit(x, y, FitOptions.epochs(fast ? 2 : 10).batchSize(32).verbose(2));
INDArray expected = model.predict(x);

// ---- compare a reloaded model's predictions with the trained model's
void same(String what, Model m) {
    double diff = m.predict(x).sub(expected).amaxNumber().doubleValue();
    System.out.printf("%-45s predictions equal: %s (max difference %s)%n", what, diff == 0.0, diff);
    if (diff != 0.0) throw new IllegalStateException(what + " predicts differently");
}

// ---- the whole model: architecture, weights, compile settings and optimizer state
String keras = dir.resolve("model.keras").toString();
String h5 = dir.resolve("model.h5").toString();
model.save(keras);
model.save(h5);
Model fromKeras = Models.loadModel(keras);
Model fromH5 = Models.loadModel(h5);
same("load_model(\"model.keras\")", fromKeras);
same("load_model(\"model.h5\")", fromH5);
System.out.println("reloaded .keras is compiled: " + fromKeras.isCompiled() + ", optimizer " + fromKeras.optimizer().getClass().getSimpleName());

// ---- the weights only, into the same architecture rebuilt from its JSON
String weights = dir.resolve("model.weights.h5").toString();
model.saveWeights(weights);
String json = model.toJson();
Files.writeString(dir.resolve("model.json"), json);
Model fromJson = Models.modelFromJson(json);
fromJson.loadWeights(weights);
same("model_from_json + load_weights(.weights.h5)", fromJson);

// ---- training goes on from where it was: one more epoch on the reloaded model and on the original
Map<String, Double> a = model.evaluate(x, y);
fromKeras.fit(x, y, FitOptions.epochs(1).batchSize(32).verbose(0).shuffle(false));
Map<String, Double> b = fromKeras.evaluate(x, y);
System.out.printf("loss before %.4f, after one more epoch on the reloaded model %.4f%n", a.get("loss"), b.get("loss"));

System.out.println("files written:");
try (var files = Files.list(dir)) {
    files.sorted().forEach(f -> System.out.printf("  %-45s %,9d bytes%n", f, f.toFile().length()));
}

System.out.println("save_reload done");
/exit
