// The course's first network: a multi-layer perceptron on Fashion-MNIST (TensorFlow's "basic classification"
// tutorial): Flatten → Dense(128, relu) → Dense(10, softmax), Adam, sparse categorical crossentropy.
// Run from the repository root:
//   bin/jkeras-shell samples/mlp_fashion_mnist.jsh
// Data: the full Fashion-MNIST (60,000 + 10,000 images) where Keras's cache or Debian's dataset-fashion-mnist
// has it, else the bundled sample. JKERAS_FAST=1 trains on 2,000 images for one epoch (CI).
// Files: target/samples/mlp_fashion_mnist_history.png.
//
// The Keras program it follows:
//   (x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
//   x_train, x_test = x_train / 255.0, x_test / 255.0
//   model = keras.Sequential([layers.Flatten(input_shape=(28, 28)),
//                             layers.Dense(128, activation="relu"), layers.Dense(10, activation="softmax")])
//   model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
//   history = model.fit(x_train, y_train, epochs=5, validation_split=0.1)
//   test_loss, test_acc = model.evaluate(x_test, y_test, verbose=2)

import io.jkeras.*;
import io.jkeras.callbacks.History;
import io.jkeras.datasets.*;
import io.jkeras.layers.*;
import io.jkeras.models.*;
import io.jkeras.training.FitOptions;
import io.jkeras.utils.*;
import java.nio.file.*;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

boolean fast = "1".equals(System.getenv("JKERAS_FAST"));
Path out = Files.createDirectories(Path.of("target", "samples"));
Keras.setRandomSeed(42);

// ---- data: the whole data set where it is on this machine, else the bundled sample
TrainTest data;
try {
    data = FashionMnist.loadData();
} catch (java.io.IOException e) {
    System.out.println("The full Fashion-MNIST is not on this machine (" + e.getMessage().lines().findFirst().orElse("") + "); using the bundled sample.");
    data = FashionMnist.loadSample();
}
int nTrain = fast ? 2000 : (int) data.xTrain().size(0);
int nTest = fast ? 500 : (int) data.xTest().size(0);
INDArray xTrain = data.xTrain().get(NDArrayIndex.interval(0, nTrain)).castTo(DataType.FLOAT).divi(255);
INDArray yTrain = data.yTrain().get(NDArrayIndex.interval(0, nTrain));
INDArray xTest = data.xTest().get(NDArrayIndex.interval(0, nTest)).castTo(DataType.FLOAT).divi(255);
INDArray yTest = data.yTest().get(NDArrayIndex.interval(0, nTest));
System.out.println("x_train " + Shape.ofArray(xTrain.shape()) + ", x_test " + Shape.ofArray(xTest.shape()));

// ---- the model
Sequential model = new Sequential(
        new Flatten().inputShape(28, 28),
        new Dense(128).activation("relu"),
        new Dense(10).activation("softmax"));
model.summary();
model.compile("adam", "sparse_categorical_crossentropy", "accuracy");

// ---- training: Keras's default batch size (32), 10% of the training images held out for validation
History history = model.fit(xTrain, yTrain, FitOptions.epochs(fast ? 1 : 5).validationSplit(0.1));

// ---- evaluation
Map<String, Double> scores = model.evaluate(List.of(xTest), List.of(yTest), 32, 2);   // verbose=2: one line
System.out.printf("%nTest accuracy: %.4f%n", scores.get("accuracy"));
INDArray predictions = model.predict(xTest);
System.out.println(ClassificationReport.classificationReport(yTest, predictions, List.of(FashionMnist.CLASS_NAMES)));
System.out.println("history: " + history.history().keySet());
System.out.println("wrote " + HistoryPlot.plot(history, out.resolve("mlp_fashion_mnist_history.png").toString()));

System.out.println("mlp_fashion_mnist done");
/exit
