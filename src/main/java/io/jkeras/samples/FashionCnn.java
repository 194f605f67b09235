package io.jkeras.samples;

import io.jkeras.Keras;
import io.jkeras.datasets.FashionMnist;
import io.jkeras.datasets.TrainTest;
import io.jkeras.layers.Conv2D;
import io.jkeras.layers.Dense;
import io.jkeras.layers.Flatten;
import io.jkeras.layers.MaxPooling2D;
import io.jkeras.models.Sequential;
import io.jkeras.training.FitOptions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.util.Map;

/**
 * The course's CNN on Fashion-MNIST, as in Keras: {@code mvn -q compile exec:exec -Djkeras.main=io.jkeras.samples.FashionCnn}.
 * Needs the Fashion-MNIST files (Keras's cache or Debian's {@code dataset-fashion-mnist}). An optional
 * argument limits the number of training samples (for a quick run).
 */
public final class FashionCnn {
    public static void main(String[] args) throws IOException {
        TrainTest data = FashionMnist.loadData();
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 60_000;
        INDArray xTrain = data.xTrain().castTo(DataType.FLOAT).divi(255).reshape(60_000, 28, 28, 1)
                .get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n));
        INDArray yTrain = data.yTrain().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n));
        INDArray xTest = data.xTest().castTo(DataType.FLOAT).divi(255).reshape(10_000, 28, 28, 1);

        Keras.setRandomSeed(42);
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
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        long t = System.nanoTime();
        model.fit(xTrain, yTrain, FitOptions.epochs(1).batchSize(128));
        double s = (System.nanoTime() - t) / 1e9;
        Map<String, Double> r = model.evaluate(xTest, data.yTest());
        System.out.printf("trained on %d samples in %.1f s (%.0f samples/s); test accuracy %.4f%n", n, s, n / s, r.get("accuracy"));
    }
}
