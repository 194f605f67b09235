package io.jkeras.utils;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Keras's {@code keras.utils.get_file}: a file in Keras's cache ({@code $KERAS_HOME/<cacheSubdir>}, by default
 * {@code ~/.keras/<cacheSubdir>}, or {@code /tmp/.keras} where that is not writable), downloaded from its origin
 * URL with a progress bar when missing, and checked against its hash (md5 for 32 hex digits, sha256 for 64, as
 * Keras's {@code hash_algorithm="auto"}). A cached file whose hash does not match is downloaded again. Without
 * network access the {@link IOException} names the file, the folder to put it in and the URL to get it from.
 *
 * <pre>{@code
 * jshell> Path p = FileUtils.getFile("vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5",
 *    ...>     "https://storage.googleapis.com/tensorflow/keras-applications/vgg16/vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5",
 *    ...>     "6d6bbae143d832006294945121d1f1fc", "models");
 * }</pre>
 */
public final class FileUtils {
    private FileUtils() {
    }

    /** Keras's cache folder: {@code $KERAS_HOME}, else {@code ~/.keras} (the property {@code keras.home} overrides both). */
    public static Path kerasHome() {
        String p = System.getProperty("keras.home");
        if (p == null || p.isEmpty()) p = System.getenv("KERAS_HOME");
        if (p == null || p.isEmpty()) return Path.of(System.getProperty("user.home"), ".keras");
        return Path.of(p);
    }

    /** {@link #getFile(String, String, String, String, Path)} in Keras's cache folder. */
    public static Path getFile(String fname, String origin, String fileHash, String cacheSubdir) throws IOException {
        return getFile(fname, origin, fileHash, cacheSubdir, kerasHome());
    }

    /**
     * The path of {@code fname} under {@code cacheDir/cacheSubdir}, downloading it from {@code origin} if it is
     * missing or its hash does not match {@code fileHash} ({@code null}: not checked).
     *
     * @throws IOException when it is not there and cannot be downloaded (the message says where to put it), or
     *                     when the downloaded file's hash does not match
     */
    public static Path getFile(String fname, String origin, String fileHash, String cacheSubdir, Path cacheDir) throws IOException {
        if (origin == null) throw new IllegalArgumentException("Please specify the \"origin\" argument (URL of the file to download).");
        if (fname.contains("/") || fname.contains(java.io.File.separator)) {
            throw new IllegalArgumentException("Paths are no longer accepted as the `fname` argument. To specify the file's "
                    + "parent directory, use the `cache_dir` argument. Received: fname=" + fname);
        }
        Path base = cacheDir;
        if (!writable(base)) base = Path.of(System.getProperty("java.io.tmpdir"), ".keras");
        Path dir = base.resolve(cacheSubdir);
        Path target = dir.resolve(fname);
        // A file that a person put into the cache that is not writable for us still counts.
        Path readOnlyCopy = cacheDir.resolve(cacheSubdir).resolve(fname);
        if (!readOnlyCopy.equals(target) && Files.isRegularFile(readOnlyCopy)) target = readOnlyCopy;
        String staleNote = "";
        if (Files.isRegularFile(target)) {
            if (fileHash == null || validateFile(target, fileHash)) return target;
            staleNote = " A local file was found at " + target + ", but it seems to be incomplete or outdated because the "
                    + algorithm(fileHash) + " file hash does not match the original value of " + fileHash + ".";
            System.out.println("A local file was found, but it seems to be incomplete or outdated because the "
                    + algorithm(fileHash) + " file hash does not match the original value of " + fileHash
                    + " so we will re-download the data.");
            target = dir.resolve(fname);
        }
        Files.createDirectories(dir);
        System.out.println("Downloading data from " + origin);
        Path part = dir.resolve(fname + ".part");
        try {
            download(origin, part);
        } catch (IOException e) {
            Files.deleteIfExists(part);
            throw new IOException("URL fetch failure on " + origin + ": " + e.getMessage() + "." + staleNote
                    + " Without network access, download " + fname + " from " + origin + " on another machine"
                    + (fileHash == null ? "" : " (" + algorithm(fileHash) + " " + fileHash + ")") + " and put it at "
                    + dir.resolve(fname) + " (Keras's cache: $KERAS_HOME/" + cacheSubdir + ", by default ~/.keras/" + cacheSubdir + ").", e);
        }
        if (fileHash != null && !validateFile(part, fileHash)) {
            Files.deleteIfExists(part);
            throw new IOException("Incomplete or corrupted file detected. The " + algorithm(fileHash)
                    + " file hash does not match the provided value of " + fileHash + " (downloaded from " + origin + ").");
        }
        Path done = dir.resolve(fname);
        Files.move(part, done, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return done;
    }

    private static boolean writable(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.isWritable(dir);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** Streams {@code origin} into {@code to}, drawing Keras's byte progress bar. */
    private static void download(String origin, Path to) throws IOException {
        URLConnection c = URI.create(origin).toURL().openConnection();
        c.setConnectTimeout(15_000);
        c.setReadTimeout(60_000);
        if (c instanceof HttpURLConnection h && h.getResponseCode() >= 400) {
            throw new IOException(h.getResponseCode() + " -- " + h.getResponseMessage());
        }
        long total = c.getContentLengthLong();
        Progbar bar = new Progbar(total > 0 && total <= Integer.MAX_VALUE ? (int) total : null);
        try (InputStream in = c.getInputStream(); OutputStream out = Files.newOutputStream(to)) {
            byte[] buf = new byte[1 << 16];
            long done = 0;
            long lastDrawn = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                done += n;
                if (done - lastDrawn >= (1 << 20) || done == total) {
                    bar.update((int) Math.min(done, Integer.MAX_VALUE), Map.of());
                    lastDrawn = done;
                }
            }
        }
    }

    /** Keras's {@code "auto"} algorithm: sha256 for a 64-digit hash, md5 otherwise. */
    public static String algorithm(String fileHash) {
        return fileHash != null && fileHash.length() == 64 ? "sha256" : "md5";
    }

    /** Whether the file's hash ({@link #algorithm}) equals {@code fileHash}, as Keras's {@code validate_file}. */
    public static boolean validateFile(Path file, String fileHash) throws IOException {
        return hashFile(file, algorithm(fileHash)).equalsIgnoreCase(fileHash);
    }

    /** The file's {@code "md5"} or {@code "sha256"} hash in lower-case hex, as Keras's {@code hash_file}. */
    public static String hashFile(Path file, String algorithm) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
