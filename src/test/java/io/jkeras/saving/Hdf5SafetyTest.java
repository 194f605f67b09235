package io.jkeras.saving;

import io.jkeras.Keras;
import io.jkeras.models.Model;
import io.jkeras.models.Models;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * HDF5 stays silent and serialised: its automatic error printing is off, so a damaged file writes nothing to the
 * console (checked on the standard error of a JVM of its own, where native output lands), and whole models load
 * from several threads at once, damaged files among them, with the same results as one at a time.
 */
class Hdf5SafetyTest {
    @TempDir
    Path dir;

    @AfterEach
    void nothingLeftOpen() throws IOException {
        assertThat(Hdf5File.openObjectsInProcess()).isZero();
    }

    @Test
    void errorPrintingIsOff() throws IOException {
        Path p = KerasFiles.copy("mlp_0.h5", dir);
        try (Hdf5File f = Hdf5File.open(p)) {
            assertThatThrownBy(() -> f.root().group("nope")).isInstanceOf(IOException.class);
        }
        assertThat(Hdf5.errorPrintingOff()).isTrue();
    }

    /** Damaged files: a truncated real one, random bytes behind HDF5's signature, a flipped superblock. */
    private List<Path> damagedFiles() throws IOException {
        byte[] real = Files.readAllBytes(KerasFiles.copy("graduate_admission_model.h5", dir));
        Path cut = Files.write(dir.resolve("cut.h5"), Arrays.copyOf(real, real.length / 2));
        byte[] noise = new byte[6000];
        new Random(5).nextBytes(noise);
        System.arraycopy(new byte[]{(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'}, 0, noise, 0, 8);
        Path signed = Files.write(dir.resolve("signed_noise.h5"), noise);
        byte[] flipped = real.clone();
        for (int i = 8; i < 96; i += 7) flipped[i] ^= 0x5a;
        Path superblock = Files.write(dir.resolve("superblock.h5"), flipped);
        return List.of(cut, signed, superblock, dir.resolve("mlp_0.h5"));
    }

    private static String[] stderrOfProbe(String mode, List<Path> files) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Hdf5SilenceProbe.class.getName(), mode));
        for (Path f : files) cmd.add(f.toString());
        Process p = new ProcessBuilder(cmd).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new String[]{new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8)};
    }

    @Test
    void aDamagedFilePrintsNothingOnTheConsole() throws Exception {
        Path p = KerasFiles.copy("mlp_0.h5", dir);
        List<Path> files = damagedFiles();
        // The check can fail: HDF5 left as it starts prints its error stack for the same files.
        String[] raw = stderrOfProbe("raw", files);
        assertThat(raw[1]).contains("HDF5-DIAG");
        String[] quiet = stderrOfProbe("jkeras", files);
        assertThat(quiet[0]).contains("done").contains("IOException: " + dir.resolve("cut.h5")).contains("no_such_group");
        assertThat(quiet[1]).doesNotContain("HDF5-DIAG").doesNotContain("#000");
        assertThat(p).exists();
    }

    @Test
    void modelsLoadFromSeveralThreadsAtOnce() throws Exception {
        List<Path> models = List.of(KerasFiles.copy("simple_sparse_xent_mlp_keras_2_model.h5", dir),
                KerasFiles.copy("graduate_admission_model.h5", dir), KerasFiles.copy("graduate_admission_model.keras", dir),
                KerasFiles.copy("cnn_batch_norm.h5", dir), KerasFiles.copy("mlp_0.h5", dir));
        List<Path> damaged = damagedFiles().subList(0, 3);
        Keras.setRandomSeed(9);
        List<INDArray> inputs = new ArrayList<>();
        List<INDArray> expected = new ArrayList<>();
        for (Path m : models) {
            Model model = Models.loadModel(m.toString());
            long[] shape = model.inputs().get(0).shape().dims().stream().mapToLong(d -> d == null ? 3 : d).toArray();
            INDArray x = Nd4j.rand(DataType.FLOAT, shape);
            inputs.add(x);
            expected.add(model.predict(x));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        int k = (i + offset) % models.size();
                        Model m = Models.loadModel(models.get(k).toString());
                        assertThat(m.predict(inputs.get(k))).isEqualTo(expected.get(k));
                        Path bad = damaged.get((i + offset) % damaged.size());
                        assertThatThrownBy(() -> Models.loadModel(bad.toString())).isInstanceOf(IOException.class)
                                .hasMessageContaining(bad.getFileName().toString());
                    }
                    return null;
                }));
            }
            for (Future<?> j : jobs) j.get(300, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(Hdf5.errorPrintingOff()).isTrue();
    }
}
