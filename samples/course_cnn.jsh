// The course CNN on Fashion-MNIST, as a Keras course writes it: build, summary, compile, fit with a validation
// split (Keras's progress bar), evaluate, classification report, save as .h5, reload, predict; plus the
// training curves and the confusion matrix as PNG pictures.
// Run from the repository root (the README's main command):
//   bin/jkeras-shell samples/course_cnn.jsh
// Data: the Fashion-MNIST sample bundled in datasets/fashion-mnist-sample/ (works offline). EPOCHS=n trains longer;
// JKERAS_FAST=1 trains on 1,024 images only (CI). Files go to target/samples/course_cnn*.
//
// The Keras program it follows:
//   model = keras.Sequential([
//       layers.Conv2D(32, 3, activation="relu", input_shape=(28, 28, 1)), layers.MaxPooling2D(2),
//       layers.Conv2D(64, 3, activation="relu"), layers.MaxPooling2D(2),
//       layers.Conv2D(64, 3, activation="relu"),
//       layers.Flatten(), layers.Dense(64, activation="relu"), layers.Dense(10, activation="softmax")])
//   model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
//   history = model.fit(x_train, y_train, epochs=..., batch_size=64, validation_split=0.1)

import io.jkeras.*;
import io.jkeras.callbacks.History;
import io.jkeras.datasets.*;
import io.jkeras.layers.*;
import io.jkeras.models.*;
import io.jkeras.optimizers.Adam;
import io.jkeras.training.FitOptions;
import io.jkeras.utils.*;
import java.nio.file.*;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

boolean fast = "1".equals(System.getenv("JKERAS_FAST"));
int epochs = System.getenv("EPOCHS") != null ? Integer.parseInt(System.getenv("EPOCHS")) : fast ? 1 : 4;
Path out = Files.createDirectories(Path.of("target", "samples"));
Keras.setRandomSeed(42);

// ---- data: uint8 images (n, 28, 28) and uint8 labels (n,); scaled to [0, 1] with a channel axis
TrainTest data = FashionMnist.loadSample();
int nTrain = fast ? 1024 : (int) data.xTrain().size(0);
int nTest = fast ? 512 : (int) data.xTest().size(0);
INDArray xTrain = data.xTrain().get(NDArrayIndex.interval(0, nTrain)).castTo(DataType.FLOAT).divi(255).reshape(nTrain, 28, 28, 1);
INDArray yTrain = data.yTrain().get(NDArrayIndex.interval(0, nTrain));
INDArray xTest = data.xTest().get(NDArrayIndex.interval(0, nTest)).castTo(DataType.FLOAT).divi(255).reshape(nTest, 28, 28, 1);
INDArray yTest = data.yTest().get(NDArrayIndex.interval(0, nTest));
List<String> classNames = List.of(FashionMnist.CLASS_NAMES);
System.out.println("x_train " + Shape.ofArray(xTrain.shape()) + ", x_test " + Shape.ofArray(xTest.shape()));

// ---- the model
Sequential model = new Sequential(
        new Conv2D(32, 3).activation("relu").inputShape(28, 28, 1),
        new MaxPooling2D(2),
        new Conv2D(64, 3).activation("relu"),
        new MaxPooling2D(2),
        new Conv2D(64, 3).activation("relu"),
        new Flatten(),
        new Dense(64).activation("relu"),
        new Dense(10).activation("softmax"));
model.summary();

// ---- training
model.compile(new Adam(), "sparse_categorical_crossentropy", "accuracy");
long t0 = System.nanoTime();
History history = model.fit(xTrain, yTrain, FitOptions.epochs(epochs).batchSize(64).validationSplit(0.1));
System.out.printf("trained %d epoch(s) on %d images in %.1f s%n", epochs, (int) (nTrain * 0.9), (System.nanoTime() - t0) / 1e9);

// ---- evaluation
Map<String, Double> scores = model.evaluate(xTest, yTest);
System.out.printf("test loss: %.4f - test accuracy: %.4f%n", scores.get("loss"), scores.get("accuracy"));
INDArray probabilities = model.predict(xTest);
INDArray predicted = probabilities.argMax(1);
System.out.println(ClassificationReport.classificationReport(yTest, predicted, classNames));

// ---- pictures: the training curves and the confusion matrix
INDArray cm = ConfusionMatrix.confusionMatrix(yTest, predicted, 10);
System.out.println("wrote " + HistoryPlot.plot(history, out.resolve("course_cnn_history.png").toString()));
System.out.println("wrote " + ConfusionMatrixPlot.plot(cm, FashionMnist.CLASS_NAMES, out.resolve("course_cnn_confusion.png").toString()));

// ---- save as Keras's .h5, reload, predict with the reloaded model
String file = out.resolve("course_cnn.h5").toString();
model.save(file);
Model reloaded = Models.loadModel(file);
System.out.println("saved and reloaded " + file + " (" + Files.size(Path.of(file)) / 1024 + " KiB)");
INDArray again = reloaded.predict(xTest.get(NDArrayIndex.interval(0, 8)));
for (int i = 0; i < 8; i++) {
    int p = again.getRow(i).argMax().getInt(0);
    System.out.printf("image %d: predicted %-11s (%.2f)   true %s%n", i, classNames.get(p), again.getDouble(i, p), classNames.get(yTest.getInt(i)));
}
double diff = again.sub(probabilities.get(NDArrayIndex.interval(0, 8))).amaxNumber().doubleValue();
System.out.println("reloaded model's predictions equal the trained model's: " + (diff == 0.0) + " (max difference " + diff + ")");
if (diff != 0.0) throw new IllegalStateException("the reloaded model predicts differently");

System.out.println("course_cnn done");
/exit
