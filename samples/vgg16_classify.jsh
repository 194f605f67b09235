// Classify an image with VGG16 and look at what it looked at (saliency and Grad-CAM heat maps).
// Run from the repository root (see README.md, "JShell"):
//   IMAGE=path/to/cat.jpg bin/jkeras-shell samples/vgg16_classify.jsh
// (It classifies one image, so JKERAS_FAST=1 changes nothing.)
// With Keras's ImageNet weights in ~/.keras/models (or $KERAS_HOME/models) the labels mean something; without
// them the script says how to get them and runs the same steps on random weights.

import io.jkeras.*;
import io.jkeras.applications.*;
import io.jkeras.models.*;
import io.jkeras.utils.*;
import java.awt.*;
import java.awt.image.BufferedImage;
import java.nio.file.*;
import org.nd4j.linalg.api.ndarray.INDArray;

Keras.setRandomSeed(1);
Files.createDirectories(Path.of("target/samples"));

// The image: $IMAGE, or a drawn one (an orange disc on a blue sky) when none is given.
String imagePath = System.getenv("IMAGE");
if (imagePath == null) {
    BufferedImage drawn = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = drawn.createGraphics();
    g.setColor(new Color(90, 150, 220)); g.fillRect(0, 0, 320, 240);
    g.setColor(new Color(255, 140, 0)); g.fillOval(100, 50, 140, 140);
    g.dispose();
    imagePath = "target/samples/drawn.png";
    javax.imageio.ImageIO.write(drawn, "png", new java.io.File(imagePath));
}

// Keras's weights file, as keras.applications.VGG16(weights="imagenet") looks for it.
Manifest.Entry entry = Manifest.weights("vgg16", true, 0, 0);
Path cached = FileUtils.kerasHome().resolve("models").resolve(entry.file());
boolean haveWeights = Files.isRegularFile(cached);
if (!haveWeights) {
    System.out.println("ImageNet weights not found at " + cached + ".");
    System.out.println("To classify for real, download " + entry.origin());
    System.out.println("(528 MB, md5 " + entry.fileHash() + ") into " + cached.getParent() + ", or run with network access:");
    System.out.println("VGG16.create(\"imagenet\", true) downloads it there. Going on with random weights (meaningless labels).");
}
Model model = VGG16.create(haveWeights ? "imagenet" : null, true);
System.out.println("VGG16: " + String.format("%,d", model.countParams()) + " parameters");

// Keras's pipeline: load_img(target_size=(224, 224)) -> img_to_array -> batch of one -> preprocess_input.
BufferedImage img = ImageUtils.loadImg(imagePath, new int[]{224, 224});
INDArray image = ImageUtils.imgToArray(img);
INDArray x = VGG16.preprocessInput(image.reshape(1, 224, 224, 3));
INDArray preds = model.predict(x);
var top = VGG16.decodePredictions(preds, 3).get(0);
System.out.println("Predicted: " + top);

// Where it looked: vanilla saliency and Grad-CAM on block5_conv3 for the best class, as heat-map PNGs.
int best = (int) preds.argMax(1).getInt(0);
Saliency.save("target/samples/vgg16_saliency.png", model, x, image, best);
GradCam.save("target/samples/vgg16_gradcam.png", model, x, image, best, "block5_conv3");
System.out.println("heat maps: target/samples/vgg16_saliency.png, target/samples/vgg16_gradcam.png");
System.out.println("best class: " + top.get(0).classId() + " " + top.get(0).label());
System.out.println("vgg16_classify done");

/exit
