package io.jkeras.samples;

import io.jkeras.Keras;
import io.jkeras.callbacks.History;
import io.jkeras.layers.Dense;
import io.jkeras.models.Sequential;
import io.jkeras.training.FitOptions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Trains a small MLP on the bundled Iris data, the Keras way: {@code mvn -q compile exec:exec} from the
 * repository root. Prints the summary, Keras's progress bar, the evaluation and one prediction.
 */
public final class IrisMlp {
    static final String[] SPECIES = {"setosa", "versicolor", "virginica"};

    public static void main(String[] args) throws IOException {
        Path csv = Path.of(args.length > 0 ? args[0] : "datasets/iris.csv");
        if (!Files.isRegularFile(csv)) {
            System.err.println("Iris data not found at " + csv.toAbsolutePath()
                    + ". Run from the jkeras repository root (where datasets/iris.csv lives), or pass the CSV path as the first argument.");
            System.exit(2);
        }
        List<String> lines = Files.readAllLines(csv);
        int n = lines.size() - 1;                                   // line 0 is the header
        float[][] features = new float[n][4];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",");
            for (int j = 0; j < 4; j++) features[i][j] = Float.parseFloat(f[j]);
            labels[i] = Integer.parseInt(f[4].trim());
        }
        INDArray x = Nd4j.createFromArray(features);               // (150, 4)
        INDArray y = Nd4j.createFromArray(labels);                 // (150,) class ids 0..2
        x = x.subRowVector(x.mean(0)).divRowVector(x.std(false, 0)); // standardise each feature

        Keras.setRandomSeed(42);
        Sequential model = new Sequential(
                new Dense(16).activation("relu").inputShape(4),
                new Dense(16).activation("relu"),
                new Dense(3).activation("softmax"));
        model.summary();
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");

        // The rows are sorted by species: shuffle once so that the validation split holds every species.
        INDArray order = Nd4j.createFromArray(shuffled(n));
        x = Nd4j.pullRows(x, 1, order.toIntVector());
        y = Nd4j.pullRows(y.reshape(n, 1), 1, order.toIntVector()).reshape(n);

        History h = model.fit(x, y, FitOptions.epochs(40).batchSize(8).validationSplit(0.2));
        Map<String, Double> results = model.evaluate(x, y);
        System.out.printf("evaluate: loss %.4f - accuracy %.4f (final val_accuracy %.4f)%n",
                results.get("loss"), results.get("accuracy"), last(h, "val_accuracy"));

        INDArray probs = model.predict(x.getRows(0));               // one flower, (1, 4) -> (1, 3)
        System.out.printf("predict(a %s): setosa %.3f, versicolor %.3f, virginica %.3f%n",
                SPECIES[(int) y.getDouble(0)], probs.getDouble(0, 0), probs.getDouble(0, 1), probs.getDouble(0, 2));
        if (results.get("accuracy") < 0.9) {                        // lets CI notice if the sample rots
            System.err.println("Accuracy " + results.get("accuracy") + " is below the expected 0.9.");
            System.exit(1);
        }
    }

    static double last(History h, String key) {
        List<Double> v = h.history().get(key);
        return v.get(v.size() - 1);
    }

    /** 0..n-1 in an order drawn from the session's seeded random source. */
    static int[] shuffled(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = Keras.random().nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
