// A convolutional autoencoder, as Keras's example (vision/autoencoder): the encoder squeezes a 28×28 image through
// Conv2D and MaxPooling2D to 7×7×32, the decoder grows it back with strided Conv2DTranspose layers, and the model
// learns to give back its own input (binary crossentropy per pixel). The picture shows inputs above their
// reconstructions.
// Run from the repository root:
//   bin/jkeras-shell samples/conv_autoencoder.jsh
// Data: the bundled Fashion-MNIST sample. It trains on up to 5,000 images for 3 epochs (EPOCHS=n to change);
// JKERAS_FAST=1 trains on 256 images for one epoch (CI). Files: target/samples/conv_autoencoder.png.
//
// The Keras program it follows:
//   input = layers.Input(shape=(28, 28, 1))
//   x = layers.Conv2D(32, (3, 3), activation="relu", padding="same")(input)
//   x = layers.MaxPooling2D((2, 2), padding="same")(x)
//   x = layers.Conv2D(32, (3, 3), activation="relu", padding="same")(x)
//   x = layers.MaxPooling2D((2, 2), padding="same")(x)
//   x = layers.Conv2DTranspose(32, (3, 3), strides=2, activation="relu", padding="same")(x)
//   x = layers.Conv2DTranspose(32, (3, 3), strides=2, activation="relu", padding="same")(x)
//   x = layers.Conv2D(1, (3, 3), activation="sigmoid", padding="same")(x)
//   autoencoder = Model(input, x); autoencoder.compile(optimizer="adam", loss="binary_crossentropy")
//   autoencoder.fit(x=train_data, y=train_data, epochs=..., batch_size=128, shuffle=True, validation_data=(test_data, test_data))

import io.jkeras.*;
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
Keras.setRandomSeed(28);

// ---- data: images only, scaled to [0, 1]
TrainTest data = FashionMnist.loadSample();
int nTrain = (int) Math.min(fast ? 256 : 5_000, data.xTrain().size(0));
int nTest = (int) Math.min(fast ? 128 : 1_000, data.xTest().size(0));
INDArray xTrain = data.xTrain().get(NDArrayIndex.interval(0, nTrain)).castTo(DataType.FLOAT).divi(255).reshape(nTrain, 28, 28, 1);
INDArray xTest = data.xTest().get(NDArrayIndex.interval(0, nTest)).castTo(DataType.FLOAT).divi(255).reshape(nTest, 28, 28, 1);

// ---- encoder and decoder, in one Functional model
KerasTensor input = Input.shape(28, 28, 1);
KerasTensor x = new Conv2D(32, 3, 3).activation("relu").padding("same").apply(input);
x = new MaxPooling2D(2, 2).padding("same").apply(x);
x = new Conv2D(32, 3, 3).activation("relu").padding("same").apply(x);
KerasTensor encoded = new MaxPooling2D(2, 2).padding("same").apply(x);
x = new Conv2DTranspose(32, 3, 3).strides(2).activation("relu").padding("same").apply(encoded);
x = new Conv2DTranspose(32, 3, 3).strides(2).activation("relu").padding("same").apply(x);
KerasTensor decoded = new Conv2D(1, 3, 3).activation("sigmoid").padding("same").apply(x);
Model autoencoder = new Model(input, decoded);
autoencoder.summary();

// ---- training: the target is the input
autoencoder.compile("adam", "binary_crossentropy");
autoencoder.fit(xTrain, xTrain, FitOptions.epochs(epochs).batchSize(128).shuffle(true).validationData(xTest, xTest));

// ---- reconstructions of test images
INDArray reconstructed = autoencoder.predict(xTest);
double mse = reconstructed.squaredDistance(xTest) / xTest.length();
double baseline = xTest.sub(xTest.mean(0)).norm2Number().doubleValue();
System.out.printf("test reconstruction: mean squared error per pixel %.4f (predicting the mean image: %.4f)%n", mse, baseline * baseline / xTest.length());
int k = 8;
INDArray shown = Nd4j.concat(0, xTest.get(NDArrayIndex.interval(0, k)), reconstructed.get(NDArrayIndex.interval(0, k)));
String[] titles = new String[2 * k];
for (int i = 0; i < k; i++) { titles[i] = "input " + i; titles[k + i] = "reconstructed " + i; }
// rescale=false: pixels as they are (×255), so that a faint reconstruction looks faint
System.out.println("wrote " + ImageGrid.plot(shown.mul(255), titles, k, out.resolve("conv_autoencoder.png").toString(), false));

System.out.println("conv_autoencoder done");
/exit
