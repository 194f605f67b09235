// A variational autoencoder, as Keras's example (generative/vae): the encoder maps an image to the mean and log
// variance of a 2-D Gaussian, a Sampling layer draws z from it (the reparameterization trick), the decoder maps z
// back to an image. The loss is the reconstruction loss (binary crossentropy summed over the pixels) plus the KL
// divergence of the Gaussian from N(0, I), which the Sampling layer adds to the model's loss as Keras's add_loss.
// The Sampling layer is written here, in the script, as a subclass of io.jkeras.layers.Layer.
// Run from the repository root:
//   bin/jkeras-shell samples/vae.jsh
// Data: the bundled Fashion-MNIST sample. It trains on up to 5,000 images for 5 epochs (EPOCHS=n to change);
// JKERAS_FAST=1 trains on 256 images for one epoch (CI). Files: target/samples/vae_latent_space.png (images decoded
// from a grid of points of the latent plane).
//
// The Keras program it follows:
//   class Sampling(layers.Layer):
//       def call(self, inputs):
//           z_mean, z_log_var = inputs
//           epsilon = keras.random.normal(shape=ops.shape(z_mean))
//           return z_mean + ops.exp(0.5 * z_log_var) * epsilon
//   encoder: Input(28, 28, 1) → Conv2D(32, 3, relu, strides=2, same) → Conv2D(64, 3, relu, strides=2, same) → Flatten
//            → Dense(16, relu) → z_mean = Dense(2), z_log_var = Dense(2) → z = Sampling()([z_mean, z_log_var])
//   decoder: Input(2) → Dense(7 * 7 * 64, relu) → Reshape((7, 7, 64)) → Conv2DTranspose(64, 3, relu, strides=2, same)
//            → Conv2DTranspose(32, 3, relu, strides=2, same) → Conv2DTranspose(1, 3, sigmoid, same)
//   reconstruction_loss = mean(sum(binary_crossentropy(data, reconstruction), axis=(1, 2)))
//   kl_loss = mean(sum(-0.5 * (1 + z_log_var - square(z_mean) - exp(z_log_var)), axis=1))
//   total_loss = reconstruction_loss + kl_loss;  optimizer Adam, batch_size=128

import io.jkeras.*;
import io.jkeras.datasets.*;
import io.jkeras.layers.*;
import io.jkeras.models.*;
import io.jkeras.optimizers.Adam;
import io.jkeras.training.*;
import io.jkeras.utils.*;
import java.nio.file.*;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

boolean fast = "1".equals(System.getenv("JKERAS_FAST"));
int epochs = System.getenv("EPOCHS") != null ? Integer.parseInt(System.getenv("EPOCHS")) : fast ? 1 : 5;
Path out = Files.createDirectories(Path.of("target", "samples"));
Keras.setRandomSeed(2);

/**
 * The reparameterization trick, z = z_mean + exp(z_log_var / 2) · ε with ε ~ N(0, I), as a layer with two inputs
 * (z_mean, z_log_var), both (batch, latent), and one output z of the same shape. Each call also carries the KL
 * divergence of N(z_mean, exp(z_log_var)) from N(0, I), summed over the latent axis and averaged over the batch,
 * as its own loss term (what Keras's self.add_loss does); the training step adds it to the model's loss, and the
 * backward pass below adds its gradient to the gradients it returns.
 */
class Sampling extends Layer {
    @Override
    protected int expectedInputCount() {
        return 2;
    }

    @Override
    public List<Shape> computeOutputShape(List<Shape> inputShapes) {
        return List.of(inputShapes.get(0));
    }

    @Override
    public Forward forward(List<INDArray> inputs, boolean training) {
        INDArray mean = inputs.get(0), logVar = inputs.get(1);
        long n = mean.size(0);
        INDArray std = Transforms.exp(logVar.mul(0.5));
        INDArray epsilon = Nd4j.randn(mean.dataType(), mean.shape());
        INDArray z = std.mul(epsilon).addi(mean);
        INDArray variance = Transforms.exp(logVar);
        // KL = -0.5 · Σ (1 + log σ² − μ² − σ²), per image; its batch mean joins the loss
        double kl = -0.5 * logVar.add(1).subi(mean.mul(mean)).subi(variance).sumNumber().doubleValue() / n;
        return Forward.of(List.of(z), grads -> {
            INDArray dz = grads.get(0);
            // dz/dμ = 1 and dKL/dμ = μ / n;  dz/d(log σ²) = ε · σ / 2 and dKL/d(log σ²) = (σ² − 1) / (2n)
            INDArray dMean = dz.add(mean.div(n));
            INDArray dLogVar = dz.mul(epsilon).muli(std).muli(0.5).addi(variance.sub(1).muli(0.5 / n));
            return List.of(dMean, dLogVar);
        }).withActivityLoss(kl);
    }
}

// ---- data: images scaled to [0, 1]
TrainTest data = FashionMnist.loadSample();
int nTrain = (int) Math.min(fast ? 256 : 5_000, data.xTrain().size(0));
INDArray images = data.xTrain().get(NDArrayIndex.interval(0, nTrain)).castTo(DataType.FLOAT).divi(255).reshape(nTrain, 28, 28, 1);
INDArray labels = data.yTrain().get(NDArrayIndex.interval(0, nTrain));

// ---- the encoder
int latentDim = 2;
KerasTensor encoderInputs = Input.shape(28, 28, 1);
KerasTensor x = new Conv2D(32, 3).activation("relu").strides(2).padding("same").apply(encoderInputs);
x = new Conv2D(64, 3).activation("relu").strides(2).padding("same").apply(x);
x = new Flatten().apply(x);
x = new Dense(16).activation("relu").apply(x);
KerasTensor zMean = new Dense(latentDim).name("z_mean").apply(x);
KerasTensor zLogVar = new Dense(latentDim).name("z_log_var").apply(x);
KerasTensor z = new Sampling().apply(zMean, zLogVar);
Model encoder = new Model(List.of(encoderInputs), List.of(zMean, zLogVar, z)).name("encoder");
encoder.summary();

// ---- the decoder
KerasTensor latentInputs = Input.shape(latentDim);
KerasTensor d = new Dense(7 * 7 * 64).activation("relu").apply(latentInputs);
d = new Reshape(7, 7, 64).apply(d);
d = new Conv2DTranspose(64, 3).activation("relu").strides(2).padding("same").apply(d);
d = new Conv2DTranspose(32, 3).activation("relu").strides(2).padding("same").apply(d);
KerasTensor decoderOutputs = new Conv2DTranspose(1, 3).activation("sigmoid").padding("same").apply(d);
Model decoder = new Model(latentInputs, decoderOutputs).name("decoder");
decoder.summary();

// ---- the VAE: image → z → image. Keras 3's binary_crossentropy averages over the pixels, the example sums them:
// a loss weight of 28 · 28 turns one into the other. The KL term comes from the Sampling layer.
Model vae = new Model(encoderInputs, decoder.apply(z)).name("vae");
vae.compile(CompileOptions.optimizer(new Adam()).loss("binary_crossentropy").lossWeights(List.of(28.0 * 28.0)));
var history = vae.fit(images, images, FitOptions.epochs(epochs).batchSize(128));
System.out.println("total loss per epoch: " + history.history().get("loss"));

// ---- the two parts of the loss, measured on the training images after training
List<INDArray> encoded = encoder.predict(List.of(images), 128);
INDArray mu = encoded.get(0), logVar = encoded.get(1);
double klLoss = -0.5 * logVar.add(1).subi(mu.mul(mu)).subi(Transforms.exp(logVar)).sumNumber().doubleValue() / nTrain;
INDArray reconstruction = decoder.predict(encoded.get(2));
INDArray p = Transforms.min(Transforms.max(reconstruction, 1e-7), 1 - 1e-7);
double reconstructionLoss = -images.mul(Transforms.log(p)).addi(images.rsub(1).muli(Transforms.log(p.rsub(1)))).sumNumber().doubleValue() / nTrain;
System.out.printf("reconstruction_loss: %.2f - kl_loss: %.2f%n", reconstructionLoss, klLoss);

// ---- where the classes lie in the latent plane: the mean z_mean of each class
INDArray oneHot = Categorical.toCategorical(labels.castTo(DataType.FLOAT), 10);
INDArray classMeans = oneHot.transpose().mmul(mu).diviColumnVector(oneHot.sum(0).reshape(10, 1).addi(1e-9));
for (int c = 0; c < 10; c++) System.out.printf("  %-12s mean z_mean (%5.2f, %5.2f)%n", FashionMnist.CLASS_NAMES[c], classMeans.getDouble(c, 0), classMeans.getDouble(c, 1));

// ---- images decoded from a grid over the latent plane, as the example's plot_latent_space. The example spans
// [-1, 1]² after 30 epochs; after a short training the codes may not be centred yet, so the grid spans the
// codes' mean ± 2 standard deviations on each axis.
int side = 8;
INDArray centre = mu.mean(0), spread = mu.std(0).muli(2);
float[][] grid = new float[side * side][2];
String[] titles = new String[side * side];
for (int i = 0; i < side; i++) {
    for (int j = 0; j < side; j++) {
        float zx = (float) (centre.getDouble(0) + spread.getDouble(0) * (2.0 * j / (side - 1) - 1));
        float zy = (float) (centre.getDouble(1) - spread.getDouble(1) * (2.0 * i / (side - 1) - 1));
        grid[i * side + j] = new float[]{zx, zy};
        titles[i * side + j] = String.format("%.1f, %.1f", zx, zy);
    }
}
INDArray decoded = decoder.predict(Nd4j.createFromArray(grid));
// rescale=false: pixels as the decoder gives them (×255), not stretched image by image
System.out.println("wrote " + ImageGrid.plot(decoded.mul(255), titles, side, out.resolve("vae_latent_space.png").toString(), false));

System.out.println("vae done");
/exit
