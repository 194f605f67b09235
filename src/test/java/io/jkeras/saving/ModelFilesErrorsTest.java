package io.jkeras.saving;

import io.jkeras.layers.Dense;
import io.jkeras.layers.InputLayer;
import io.jkeras.models.Model;
import io.jkeras.models.Models;
import io.jkeras.models.Sequential;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Weights that do not fit, damaged files and failed saves: clear errors, untouched models, untouched old files. */
class ModelFilesErrorsTest {
    @TempDir
    Path dir;

    @AfterEach
    void nothingLeftOpen() throws IOException {
        assertThat(Hdf5File.openObjectsInProcess()).isZero();
    }

    private static Sequential mlp(int hidden, String... names) {
        return new Sequential(new InputLayer(4), new Dense(hidden).name(names[0]), new Dense(3).name(names[1]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"w.h5", "w.weights.h5"})
    void weightsOfTheWrongShapeNameTheFileTheLayerAndTheShapesAndLoadNothing(String file) throws IOException {
        Path p = dir.resolve(file);
        mlp(5, "a1", "a2").saveWeights(p.toString());
        Sequential other = mlp(6, "b1", "b2");
        List<INDArray> before = other.getWeights();
        assertThatThrownBy(() -> other.loadWeights(p.toString())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file).hasMessageContaining("b1").hasMessageContaining("(4, 6)").hasMessageContaining("(4, 5)");
        assertThat(other.getWeights()).isEqualTo(before);
    }

    /** A save is readable by others as a new file, and keeps the permissions of the file it replaces. */
    @Test
    void savedFilesGetOrdinaryPermissionsNotTheTemporaryFilesOwnerOnlyOnes() throws IOException {
        Sequential m = new Sequential(new InputLayer(3), new Dense(2));
        Path h5 = dir.resolve("m.h5");
        m.save(h5.toString());
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(h5))).isEqualTo("rw-r--r--");
        Files.setPosixFilePermissions(h5, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));
        m.save(h5.toString());
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(h5))).isEqualTo("rw-rw----");
    }

    @Test
    void legacyLayerCountMismatchListsBothSides() throws IOException {
        Path p = dir.resolve("w.h5");
        mlp(5, "c1", "c2").saveWeights(p.toString());
        Sequential three = new Sequential(new InputLayer(4), new Dense(5).name("d1"), new Dense(3).name("d2"), new Dense(1).name("d3"));
        assertThatThrownBy(() -> three.loadWeights(p.toString())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("w.h5").hasMessageContaining("expected 3 layers, found 2 saved layers")
                .hasMessageContaining("[d1, d2, d3]").hasMessageContaining("[c1, c2]");
    }

    @Test
    void legacyByNameLoadsMatchingLayersAndSkipsMisfitsOnlyWhenAsked() throws IOException {
        Path p = dir.resolve("w.h5");
        Sequential saved = mlp(5, "shared_name", "head");
        saved.saveWeights(p.toString());
        // Same first layer name and shape; the head has a different shape; an extra layer the file lacks.
        Sequential other = new Sequential(new InputLayer(4), new Dense(5).name("shared_name"), new Dense(7).name("head"),
                new Dense(2).name("extra"));
        List<INDArray> headBefore = other.getLayer("head").getWeights();
        assertThatThrownBy(() -> other.loadWeights(p.toString(), true, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("head").hasMessageContaining("(5, 7)").hasMessageContaining("(5, 3)");
        assertThatThrownBy(() -> other.loadWeights(p.toString(), false, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("byName");
        other.loadWeights(p.toString(), true, true);
        assertThat(other.getLayer("shared_name").getWeights()).isEqualTo(saved.getLayer("shared_name").getWeights());
        assertThat(other.getLayer("head").getWeights()).isEqualTo(headBefore);
    }

    @Test
    void keras3SkipMismatchLoadsWhatFits() throws IOException {
        Path p = dir.resolve("w.weights.h5");
        Sequential saved = mlp(5, "e1", "e2");
        saved.saveWeights(p.toString());
        Sequential other = new Sequential(new InputLayer(4), new Dense(5).name("f1"), new Dense(2).name("f2"));
        other.loadWeights(p.toString(), false, true);
        assertThat(other.getLayer("f1").getWeights()).isEqualTo(saved.getLayer("e1").getWeights());
        assertThatThrownBy(() -> other.loadWeights(p.toString(), true, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("byName");
    }

    /** Truncated copies of real files, random bytes, an empty file, a missing one: IOExceptions naming the file. */
    @Test
    void damagedFilesGiveIOExceptionsNamingThem() throws IOException {
        Random rnd = new Random(11);
        for (String fixture : List.of("graduate_admission_model.h5", "graduate_admission_model.keras",
                "simple_sparse_xent_mlp_keras_2_model.h5", "mnist_classification.weights.h5")) {
            byte[] all = Files.readAllBytes(KerasFiles.copy(fixture, dir));
            String ext = fixture.substring(fixture.indexOf('.'));
            for (int cut : new int[]{0, 4, 512, all.length / 3, all.length - 1}) {
                Path t = dir.resolve("cut" + cut + ext);
                Files.write(t, Arrays.copyOf(all, cut));
                expectIOException(t);
            }
        }
        for (String ext : List.of(".h5", ".keras", ".weights.h5", ".bin")) {
            byte[] noise = new byte[5000];
            rnd.nextBytes(noise);
            Path t = dir.resolve("noise" + ext);
            Files.write(t, noise);
            expectIOException(t);
        }
        expectIOException(dir.resolve("missing.keras"));
        expectIOException(dir.resolve("missing.h5"));
    }

    private static void expectIOException(Path p) {
        String name = p.getFileName().toString();
        if (!name.endsWith(".weights.h5")) {
            assertThatThrownBy(() -> Models.loadModel(p.toString())).as("loadModel %s", name)
                    .isInstanceOf(IOException.class).hasMessageContaining(name);
        }
        if (!name.endsWith(".bin")) {
            Sequential m = mlp(5, "g1", "g2");
            assertThatThrownBy(() -> m.loadWeights(p.toString())).as("loadWeights %s", name)
                    .isInstanceOf(IOException.class).hasMessageContaining(name);
        }
    }

    @Test
    void aWeightsOnlyFileIsNotAModel() throws IOException {
        Path p = dir.resolve("w.h5");
        mlp(5, "h1", "h2").saveWeights(p.toString());
        assertThatThrownBy(() -> Models.loadModel(p.toString())).isInstanceOf(IOException.class)
                .hasMessageContaining("w.h5").hasMessageContaining("model_config").hasMessageContaining("loadWeights");
        assertThatThrownBy(() -> mlp(5, "i1", "i2").save(dir.resolve("m.txt").toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".keras");
    }

    /** A layer whose config cannot be written makes every save fail half-way. */
    static final class Unsavable extends Dense {
        Unsavable() {
            super(3);
        }

        @Override
        public Map<String, Object> getConfig() {
            throw new IllegalStateException("boom");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"m.keras", "m.h5"})
    void aFailedSaveLeavesTheOldFileAndNoTemporaryFile(String file) throws IOException {
        Path p = dir.resolve(file);
        mlp(5, "j1", "j2").save(p.toString());
        byte[] old = Files.readAllBytes(p);
        Model bad = new Sequential(new InputLayer(4), new Unsavable());
        assertThatThrownBy(() -> bad.save(p.toString())).hasMessageContaining("boom");
        assertThat(Files.readAllBytes(p)).isEqualTo(old);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly(file);
        }
        assertThat(Models.loadModel(p.toString()).getLayer("j1")).isNotNull();
    }

    @Test
    void atomicWriteReplacesOrKeeps() throws IOException {
        Path p = dir.resolve("sub/x.txt");
        AtomicWrite.write(p, tmp -> Files.writeString(tmp, "one"));
        assertThat(Files.readString(p)).isEqualTo("one");
        assertThatThrownBy(() -> AtomicWrite.write(p, tmp -> {
            Files.writeString(tmp, "half");
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(p)).isEqualTo("one");
        AtomicWrite.write(p, tmp -> Files.writeString(tmp, "two"));
        assertThat(Files.readString(p)).isEqualTo("two");
        try (Stream<Path> files = Files.list(p.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("x.txt");
        }
    }
}
