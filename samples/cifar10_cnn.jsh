// The course's CIFAR-10 CNN, written with the Functional API: two blocks of Conv2D → BatchNormalization → ReLU
// (twice) → MaxPooling2D → Dropout, then Dense with Dropout and a softmax over the 10 classes.
// Run from the repository root:
//   bin/jkeras-shell samples/cifar10_cnn.jsh
// Data: Cifar10.loadData() (Keras's cache ~/.keras/datasets/cifar-10-batches-py, or a download). When the data
// cannot be had, the script says so and trains on a small synthetic set of 10 classes instead, so that it still runs.
// It trains on the first 10,000 training images (N_TRAIN=50000 for all of them; 3 epochs, EPOCHS=n to change);
// JKERAS_FAST=1 trains on 256 images for one epoch (CI). Files: target/samples/cifar10_cnn_history.png.
//
// The Keras program it follows:
//   inputs = keras.Input(shape=(32, 32, 3))
//   x = layers.Conv2D(32, 3, padding="same")(inputs); x = layers.BatchNormalization()(x); x = layers.Activation("relu")(x)
//   ... (32 filters twice, 64 filters twice, each block ending in MaxPooling2D(2) and Dropout(0.25))
//   x = layers.Flatten()(x); x = layers.Dense(128, activation="relu")(x); x = layers.Dropout(0.5)(x)
//   outputs = layers.Dense(10, activation="softmax")(x)
//   model = keras.Model(inputs, outputs)

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
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

boolean fast = "1".equals(System.getenv("JKERAS_FAST"));
int epochs = System.getenv("EPOCHS") != null ? Integer.parseInt(System.getenv("EPOCHS")) : fast ? 1 : 3;
Path out = Files.createDirectories(Path.of("target", "samples"));
Keras.setRandomSeed(10);
List<String> classNames = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

// A stand-in for CIFAR-10 when it cannot be had: each class is a fixed random pattern of 4×4 coloured blocks (8×8
// pixels each), each image its class's pattern under as much noise again, as uint8 values 0..255 like the real
// images. Learnable, not trivial.
TrainTest syntheticCifar(int nTrain, int nTest) {
    INDArray patterns = Nd4j.rand(DataType.FLOAT, 10, 4, 1, 4, 1, 3).broadcast(10, 4, 8, 4, 8, 3).dup().reshape(10, 32 * 32 * 3);
    INDArray[] xy = new INDArray[4];
    int[] sizes = {nTrain, nTest};
    for (int s = 0; s < 2; s++) {
        INDArray labels = Nd4j.createFromArray(Keras.random().ints(sizes[s], 0, 10).toArray()).castTo(DataType.FLOAT);
        INDArray images = Categorical.toCategorical(labels, 10).mmul(patterns).muli(0.5).addi(Nd4j.rand(DataType.FLOAT, sizes[s], 32 * 32 * 3).muli(0.5));
        xy[2 * s] = images.muli(255).reshape(sizes[s], 32, 32, 3).castTo(DataType.UINT8);
        xy[2 * s + 1] = labels.reshape(sizes[s], 1).castTo(DataType.UINT8);
    }
    return new TrainTest(xy[0], xy[1], xy[2], xy[3]);
}

// ---- data: x uint8 (n, 32, 32, 3), y uint8 (n, 1)
int nTrain = fast ? 256 : System.getenv("N_TRAIN") != null ? Integer.parseInt(System.getenv("N_TRAIN")) : 10_000;
int nTest = fast ? 128 : 2_000;
TrainTest data;
try {
    data = Cifar10.loadData();
} catch (java.io.IOException e) {
    System.out.println("CIFAR-10 cannot be had here: " + e.getMessage());
    System.out.println("Training on a small synthetic 10-class set instead (the numbers below are not CIFAR-10's).");
    nTrain = Math.min(nTrain, fast ? 256 : 2_000);
    nTest = Math.min(nTest, fast ? 128 : 500);
    data = syntheticCifar(nTrain, nTest);
}
nTrain = Math.min(nTrain, (int) data.xTrain().size(0));
nTest = Math.min(nTest, (int) data.xTest().size(0));
INDArray xTrain = data.xTrain().get(NDArrayIndex.interval(0, nTrain)).castTo(DataType.FLOAT).divi(255);
INDArray yTrain = data.yTrain().get(NDArrayIndex.interval(0, nTrain));
INDArray xTest = data.xTest().get(NDArrayIndex.interval(0, nTest)).castTo(DataType.FLOAT).divi(255);
INDArray yTest = data.yTest().get(NDArrayIndex.interval(0, nTest));
System.out.println("x_train " + Shape.ofArray(xTrain.shape()) + ", y_train " + Shape.ofArray(yTrain.shape()) + ", x_test " + Shape.ofArray(xTest.shape()));

// ---- the model, one block at a time
KerasTensor convBnRelu(KerasTensor x, int filters) {
    x = new Conv2D(filters, 3).padding("same").apply(x);
    x = new BatchNormalization().apply(x);
    return new Activation("relu").apply(x);
}
KerasTensor inputs = Input.shape(32, 32, 3);
KerasTensor x = convBnRelu(inputs, 32);
x = convBnRelu(x, 32);
x = new MaxPooling2D(2).apply(x);
x = new Dropout(0.25).apply(x);
x = convBnRelu(x, 64);
x = convBnRelu(x, 64);
x = new MaxPooling2D(2).apply(x);
x = new Dropout(0.25).apply(x);
x = new Flatten().apply(x);
x = new Dense(128).activation("relu").apply(x);
x = new Dropout(0.5).apply(x);
KerasTensor outputs = new Dense(10).activation("softmax").apply(x);
Model model = new Model(inputs, outputs);
model.summary();

// ---- training and evaluation
model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
History history = model.fit(xTrain, yTrain, FitOptions.epochs(epochs).batchSize(32).validationSplit(0.1));
Map<String, Double> scores = model.evaluate(xTest, yTest);
System.out.printf("test loss: %.4f - test accuracy: %.4f%n", scores.get("loss"), scores.get("accuracy"));
System.out.println(ClassificationReport.classificationReport(yTest, model.predict(xTest), classNames));
System.out.println("wrote " + HistoryPlot.plot(history, out.resolve("cifar10_cnn_history.png").toString()));

System.out.println("cifar10_cnn done");
/exit
