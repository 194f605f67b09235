package io.jkeras.datasets;

import io.jkeras.utils.FileUtils;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The CIFAR archives: a folder of extracted files in Keras's cache, where either Keras version leaves it, else the
 * archive (cached or downloaded, hash-checked) extracted as Keras 3 extracts it.
 *
 * <p>Keras 3 (3.6 and later) downloads {@code cifar-10-python.tar.gz} as
 * {@code datasets/cifar-10-batches-py-target_archive} and extracts it into {@code datasets/cifar-10-batches-py-target/},
 * so the batches lie in {@code cifar-10-batches-py-target/cifar-10-batches-py/}; Keras 2 and tf.keras kept
 * {@code datasets/cifar-10-batches-py.tar.gz} and extracted next to it, into {@code datasets/cifar-10-batches-py/}.
 * Both are looked for; jkeras writes Keras 3's layout. Extraction goes to a temporary folder that is renamed when
 * complete, so an interrupted run never leaves a half folder that a later run would trust, and it skips links and
 * entries whose path would leave the folder (Keras's {@code filter="data"}).
 */
final class Archives {
    private Archives() {
    }

    /** {@link #fetchDir(DatasetFiles.Spec, Path)} in Keras's cache. */
    static Path fetchDir(String dataset, String archive) throws IOException {
        return fetchDir(DatasetFiles.spec(dataset, archive), FileUtils.kerasHome());
    }

    /** The folder that holds the archive's {@code members}, extracting (and downloading) the archive if needed. */
    @SuppressWarnings("unchecked")
    static Path fetchDir(DatasetFiles.Spec s, Path kerasHome) throws IOException {
        Map<String, Object> raw = s.raw();
        List<String> members = (List<String>) raw.get("members");
        Path data = kerasHome.resolve(s.cacheSubdir());
        List<String> extractedDirs = (List<String>) raw.get("extracted_dirs");
        for (String d : extractedDirs) {
            Path dir = data.resolve(d);
            if (members.stream().allMatch(m -> Files.isRegularFile(dir.resolve(m)))) return dir;
        }
        Path archive = null;
        for (String name : (List<String>) raw.get("archive_names")) {
            Path p = data.resolve(name);
            if (Files.isRegularFile(p) && s.accepts(p)) {
                archive = p;
                break;
            }
        }
        if (archive == null) {
            String keras3Name = ((List<String>) raw.get("archive_names")).get(0);
            DatasetFiles.Spec download = new DatasetFiles.Spec(s.dataset(), keras3Name, s.origin(), s.fileHash(),
                    s.alsoAccepted(), s.cacheSubdir(), s.systemDirs(), s.systemPackage());
            try {
                archive = FileUtils.getFile(keras3Name, s.origin(), s.fileHash(), s.cacheSubdir(), kerasHome);
            } catch (IOException e) {
                throw new IOException(s.dataset() + ": " + e.getMessage() + " Keras's cache may instead hold the extracted "
                        + "files " + members + " in " + data.resolve(extractedDirs.get(0)) + " or " + data.resolve(extractedDirs.get(1))
                        + ", or the archive as " + data.resolve(s.file()) + "." + DatasetFiles.elsewhere(download), e);
            }
        }
        Path target = data.resolve((String) raw.get("extract_to"));
        extract(archive, target);
        Path dir = data.resolve(extractedDirs.get(0));
        for (String m : members) {
            if (!Files.isRegularFile(dir.resolve(m))) {
                throw new IOException(archive + ": the archive has no " + extractedDirs.get(0).substring(
                        extractedDirs.get(0).indexOf('/') + 1) + "/" + m + " (expected " + members + ")");
            }
        }
        return dir;
    }

    /** Extracts a (gzipped) tar archive into {@code target}, replacing what was there, atomically. */
    static void extract(Path archive, Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, target.getFileName() + ".part");
        try {
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16)) {
                raw.mark(2);
                boolean gz = raw.read() == 0x1f && raw.read() == 0x8b;
                raw.reset();
                try (TarArchiveInputStream tar = new TarArchiveInputStream(gz ? new GZIPInputStream(raw, 1 << 16) : raw)) {
                    Path root = tmp.toRealPath();
                    for (TarArchiveEntry e; (e = tar.getNextTarEntry()) != null; ) {
                        Path out = root.resolve(e.getName()).normalize();
                        if (!out.startsWith(root) || e.isSymbolicLink() || e.isLink()) {
                            System.err.println("Skipping invalid path during archive extraction: '" + e.getName() + "'.");
                            continue;
                        }
                        if (e.isDirectory()) {
                            Files.createDirectories(out);
                        } else if (e.isFile()) {
                            Files.createDirectories(out.getParent());
                            Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new IOException(archive + ": not a readable tar archive (" + e.getMessage() + ")", e);
            }
            deleteTree(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(tmp);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.delete(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
