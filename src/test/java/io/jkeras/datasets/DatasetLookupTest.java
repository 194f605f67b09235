package io.jkeras.datasets;

import com.sun.net.httpserver.HttpServer;
import io.jkeras.utils.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lookup order of issue 8 (Keras's cache, then a system folder, then a download with Keras's hash and progress
 * bar) against a local HTTP server, and the manifest against Keras's source: no network is needed.
 */
class DatasetLookupTest {
    @TempDir
    Path dir;
    HttpServer server;
    byte[] payload;
    final AtomicInteger requests = new AtomicInteger();
    PrintStream stdout;
    ByteArrayOutputStream captured;

    @BeforeEach
    void serve() throws IOException {
        payload = new byte[3 * (1 << 20) + 12345];
        new Random(7).nextBytes(payload);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/data/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, payload.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(payload);
            }
        });
        server.start();
        stdout = System.out;
        captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        System.setOut(stdout);
        server.stop(0);
    }

    String origin(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/data/" + name;
    }

    DatasetFiles.Spec spec(String origin, String hash, List<Path> systemDirs) {
        return new DatasetFiles.Spec("test_set", "blob.bin", origin, hash, List.of(), "datasets", systemDirs, "dataset-test");
    }

    String sha256(byte[] b) throws IOException {
        Path p = Files.write(dir.resolve("hash-me"), b);
        return FileUtils.hashFile(p, "sha256");
    }

    @Test
    void downloadsIntoKerasCacheWithProgressBarAndHash() throws IOException {
        Path home = dir.resolve("home");
        Path got = DatasetFiles.fetch(spec(origin("blob.bin"), sha256(payload), List.of()), home);
        assertThat(got).isEqualTo(home.resolve("datasets/blob.bin"));
        assertThat(Files.readAllBytes(got)).isEqualTo(payload);
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("Downloading data from " + origin("blob.bin"))
                .contains(payload.length + "/" + payload.length + " [==============================]");
        try (var s = Files.list(home.resolve("datasets"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("blob.bin");   // no .part left
        }
        // Cached now: a second fetch does not ask the server.
        int before = requests.get();
        assertThat(DatasetFiles.fetch(spec(origin("blob.bin"), sha256(payload), List.of()), home)).isEqualTo(got);
        assertThat(requests.get()).isEqualTo(before);
    }

    @Test
    void aHashMismatchFailsAndLeavesNothing() throws IOException {
        Path home = dir.resolve("home");
        String wrong = "0".repeat(64);
        assertThatThrownBy(() -> DatasetFiles.fetch(spec(origin("blob.bin"), wrong, List.of()), home))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Incomplete or corrupted file detected. The sha256 file hash does not match the provided value of " + wrong);
        try (var s = Files.list(home.resolve("datasets"))) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void offlineWithNothingFoundSaysWhatToPutWhere() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/data/blob.bin";
        Path home = dir.resolve("home");
        Path debian = dir.resolve("usr-share");
        assertThatThrownBy(() -> DatasetFiles.fetch(spec(url, "d41d8cd98f00b204e9800998ecf8427e", List.of(debian)), home))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("test_set")
                .hasMessageContaining("URL fetch failure on " + url)
                .hasMessageContaining("blob.bin")
                .hasMessageContaining(home.resolve("datasets").resolve("blob.bin").toString())
                .hasMessageContaining("Also looked in [" + debian + "]")
                .hasMessageContaining("apt-get install dataset-test");
        assertThat(home.resolve("datasets/blob.bin.part")).doesNotExist();
    }

    @Test
    void cacheFirstThenSystemFolderThenDownload() throws IOException {
        Path home = dir.resolve("home");
        Path system = Files.createDirectories(dir.resolve("system"));
        byte[] other = "a distribution's re-compressed copy".getBytes(StandardCharsets.UTF_8);
        Files.write(system.resolve("blob.bin"), other);
        String hash = sha256(payload);
        // Nothing cached: the system copy is used as it is (Debian re-compresses; its hash is not Keras's).
        assertThat(DatasetFiles.fetch(spec(origin("blob.bin"), hash, List.of(system)), home)).isEqualTo(system.resolve("blob.bin"));
        assertThat(requests.get()).isZero();
        // A good copy in Keras's cache comes first.
        Path cached = Files.write(Files.createDirectories(home.resolve("datasets")).resolve("blob.bin"), payload);
        assertThat(DatasetFiles.fetch(spec(origin("blob.bin"), hash, List.of(system)), home)).isEqualTo(cached);
        // A stale cached copy (wrong hash) is passed over for the system copy...
        Files.write(cached, other);
        assertThat(DatasetFiles.fetch(spec(origin("blob.bin"), hash, List.of(system)), home)).isEqualTo(system.resolve("blob.bin"));
        // ...and, with no system copy, downloaded again, as Keras does.
        assertThat(DatasetFiles.fetch(spec(origin("blob.bin"), hash, List.of()), home)).isEqualTo(cached);
        assertThat(Files.readAllBytes(cached)).isEqualTo(payload);
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("A local file was found, but it seems to be incomplete or outdated");
        // A copy with one of the other known-good hashes counts as cached.
        Files.write(cached, other);
        DatasetFiles.Spec alt = new DatasetFiles.Spec("test_set", "blob.bin", origin("blob.bin"), hash, List.of(sha256(other)),
                "datasets", List.of(), null);
        int before = requests.get();
        assertThat(DatasetFiles.fetch(alt, home)).isEqualTo(cached);
        assertThat(requests.get()).isEqualTo(before);
    }

    @Test
    void manifestHoldsKerasNamesOriginsAndHashes() {
        // From keras/src/datasets/*.py (Keras 3).
        DatasetFiles.Spec mnist = DatasetFiles.spec("mnist", "mnist.npz");
        assertThat(mnist.origin()).isEqualTo("https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz");
        assertThat(mnist.fileHash()).isEqualTo("731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1");
        assertThat(mnist.cacheSubdir()).isEqualTo("datasets");
        DatasetFiles.Spec fm = DatasetFiles.spec("fashion_mnist", "train-images-idx3-ubyte.gz");
        assertThat(fm.cacheSubdir()).isEqualTo("datasets/fashion-mnist");
        assertThat(fm.systemDirs()).containsExactly(Path.of("/usr/share/datasets/fashion-mnist"));
        assertThat(fm.alsoAccepted()).containsExactly("b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7");
        assertThat(DatasetFiles.spec("cifar10", "cifar-10-python.tar.gz").origin())
                .isEqualTo("https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz");
        assertThat(DatasetFiles.spec("imdb", "imdb_word_index.json").fileHash()).isEqualTo("bfafd718b763782e994055a2d397834f");
        assertThat(DatasetFiles.spec("boston_housing", "boston_housing.npz").fileHash())
                .isEqualTo("f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5");
        for (String d : List.of("mnist", "fashion_mnist", "cifar10", "cifar100", "imdb", "reuters", "boston_housing",
                "fashion_mnist_sample", "iris")) {
            assertThat((String) DatasetFiles.dataset(d).get("licence")).as(d).isNotBlank();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void bundledFilesMatchTheirManifestHashes() throws IOException {
        for (String d : List.of("fashion_mnist_sample", "iris")) {
            Map<String, Object> files = (Map<String, Object>) DatasetFiles.dataset(d).get("files");
            assertThat(files).isNotEmpty();
            for (Object f : files.values()) {
                Map<String, Object> e = (Map<String, Object>) f;
                Path p = Path.of("datasets", (String) e.get("bundled"));
                assertThat(FileUtils.hashFile(p, "sha256")).as(p.toString()).isEqualTo(e.get("sha256"));
            }
        }
    }
}
