// Transfer learning with VGG16 on a small image folder: freeze the base, train a new head, unfreeze the last
// block and fine-tune with a small learning rate, then save and reload the model.
// Run from the repository root (see README.md, "JShell"):
//   bin/jkeras-shell samples/transfer_learning.jsh
// JKERAS_FAST=1 trains the head for 2 epochs and fine-tunes for 1 (CI).
// IMAGES=folder (one sub-folder per class, as image_dataset_from_directory reads) uses your own images; without
// it a tiny synthetic folder (discs and squares) is drawn into target/samples/shapes. The base uses Keras's
// ImageNet weights when ~/.keras/models holds vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5, else random ones.

import io.jkeras.*;
import io.jkeras.applications.*;
import io.jkeras.layers.*;
import io.jkeras.models.*;
import io.jkeras.optimizers.*;
import io.jkeras.training.*;
import io.jkeras.utils.*;
import java.awt.*;
import java.awt.image.BufferedImage;
import java.nio.file.*;
import java.util.*;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

Keras.setRandomSeed(7);
boolean fast = "1".equals(System.getenv("JKERAS_FAST"));
int size = 32;

// The image folder: $IMAGES, or 2 classes × 12 drawn images.
String folder = System.getenv("IMAGES");
if (folder == null) {
    folder = "target/samples/shapes";
    Random rnd = new Random(7);
    for (String cls : new String[]{"discs", "squares"}) {
        Files.createDirectories(Path.of(folder, cls));
        for (int i = 0; i < 12; i++) {
            BufferedImage im = new BufferedImage(48, 48, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = im.createGraphics();
            g.setColor(new Color(rnd.nextInt(80), rnd.nextInt(80), rnd.nextInt(80))); g.fillRect(0, 0, 48, 48);
            g.setColor(new Color(150 + rnd.nextInt(100), 150 + rnd.nextInt(100), rnd.nextInt(255)));
            int s = 18 + rnd.nextInt(14), ox = rnd.nextInt(48 - s), oy = rnd.nextInt(48 - s);
            if (cls.equals("discs")) g.fillOval(ox, oy, s, s); else g.fillRect(ox, oy, s, s);
            g.dispose();
            javax.imageio.ImageIO.write(im, "png", Path.of(folder, cls, i + ".png").toFile());
        }
    }
}

// Load every image at 32×32 (load_img + img_to_array), labels from the sub-folder names in sorted order.
java.util.List<String> classes = new ArrayList<>();
try (var dirs = Files.list(Path.of(folder))) { dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().forEach(classes::add); }
java.util.List<INDArray> xs = new ArrayList<>();
java.util.List<Integer> ys = new ArrayList<>();
for (int c = 0; c < classes.size(); c++) {
    try (var files = Files.list(Path.of(folder, classes.get(c)))) {
        for (Path f : files.sorted().toList()) {
            xs.add(ImageUtils.imgToArray(ImageUtils.loadImg(f.toString(), new int[]{size, size}, "rgb", "bilinear")).reshape(1, size, size, 3));
            ys.add(c);
        }
    }
}
INDArray x = VGG16.preprocessInput(Nd4j.concat(0, xs.toArray(new INDArray[0])));
INDArray y = Nd4j.createFromArray(ys.stream().mapToDouble(i -> i).toArray()).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
System.out.println(x.size(0) + " images of " + classes);

// The base: VGG16 without its top, frozen.
boolean haveWeights = Files.isRegularFile(FileUtils.kerasHome().resolve("models").resolve(Manifest.weights("vgg16", false, 0, 0).file()));
Model base = VGG16.create(new ApplicationOptions().weights(haveWeights ? "imagenet" : null).includeTop(false).inputShape(size, size, 3));
base.setTrainable(false);

// A new head on it.
KerasTensor inputs = Input.shape(size, size, 3);
KerasTensor h = new GlobalAveragePooling2D().apply(base.apply(inputs));
h = new Dense(64).activation("relu").apply(h);
KerasTensor outputs = new Dense(classes.size()).activation("softmax").name("head").apply(h);
Model model = new Model(inputs, outputs);
model.summary();

model.compile(new Adam(1e-3), "sparse_categorical_crossentropy", "accuracy");
model.fit(x, y, FitOptions.epochs(fast ? 2 : 5).batchSize(8).verbose(2));

// Fine-tuning: unfreeze block 5 only, recompile with a small learning rate, train a little more.
base.setTrainable(true);
for (Layer l : base.layers()) if (!l.name().startsWith("block5")) l.setTrainable(false);
model.compile(new Adam(1e-5), "sparse_categorical_crossentropy", "accuracy");
model.fit(x, y, FitOptions.epochs(fast ? 1 : 2).batchSize(8).verbose(2));
System.out.println("after fine-tuning: " + model.evaluate(java.util.List.of(x), java.util.List.of(y), 8, 0));

// Save the whole model (the nested base included) and read it back.
model.save("target/samples/transfer.keras");
Model again = Models.loadModel("target/samples/transfer.keras");
double diff = again.predict(x).sub(model.predict(x)).amaxNumber().doubleValue();
System.out.println("reloaded model differs by " + diff);
System.out.println("transfer_learning done");

/exit
