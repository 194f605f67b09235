package io.jkeras.utils;

import io.jkeras.saving.KerasFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Npy reads what numpy.save writes: files built here byte by byte, and a real one from Keras's test resources. */
class NpyTest {
    @TempDir
    Path dir;

    /** A .npy file as numpy writes it: preamble, header padded with spaces to a multiple of 64, newline, data. */
    static byte[] npy(int major, String dict, byte[] data) {
        int lengthBytes = major == 1 ? 2 : 4;
        int prefix = 6 + 2 + lengthBytes;
        StringBuilder header = new StringBuilder(dict);
        while ((prefix + header.length() + 1) % 64 != 0) header.append(' ');
        header.append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(prefix + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) out.putShort((short) h.length);
        else out.putInt(h.length);
        out.put(h).put(data);
        return out.array();
    }

    static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) b.putFloat(x);
        return b.array();
    }

    static byte[] doubles(double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) b.putDouble(x);
        return b.array();
    }

    static byte[] ints(int... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) b.putInt(x);
        return b.array();
    }

    static byte[] longs(long... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) b.putLong(x);
        return b.array();
    }

    static INDArray read(byte[] file) throws IOException {
        return Npy.read(new ByteArrayInputStream(file), "test.npy");
    }

    @Test
    void float32MatrixInCOrder() throws IOException {
        INDArray a = read(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
                floats(1, 2, 3, 4, 5, 6.5f)));
        assertThat(a.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a).isEqualTo(Nd4j.createFromArray(new float[][]{{1, 2, 3}, {4, 5, 6.5f}}));
    }

    @Test
    void float64Int32AndInt64KeepTheirType() throws IOException {
        INDArray d = read(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }",
                doubles(0.1, -2.5, 1e300)));
        assertThat(d).isEqualTo(Nd4j.createFromArray(0.1, -2.5, 1e300));
        INDArray i = read(npy(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 2), }",
                ints(1, -2, Integer.MAX_VALUE, Integer.MIN_VALUE)));
        assertThat(i).isEqualTo(Nd4j.createFromArray(new int[][]{{1, -2}, {Integer.MAX_VALUE, Integer.MIN_VALUE}}));
        INDArray l = read(npy(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (1, 2, 1), }",
                longs(Long.MAX_VALUE, -7)));
        assertThat(l.dataType()).isEqualTo(DataType.LONG);
        assertThat(l.shape()).containsExactly(1, 2, 1);
        assertThat(l.getLong(0, 0, 0)).isEqualTo(Long.MAX_VALUE);
        assertThat(l.getLong(0, 1, 0)).isEqualTo(-7);
    }

    @Test
    void version2HeaderScalarsAndEmptyArrays() throws IOException {
        INDArray v2 = read(npy(2, "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", floats(1, 2, 3, 4)));
        assertThat(v2).isEqualTo(Nd4j.createFromArray(1f, 2f, 3f, 4f));
        INDArray scalar = read(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (), }", doubles(3.25)));
        assertThat(scalar.rank()).isZero();
        assertThat(scalar.getDouble(0)).isEqualTo(3.25);
        INDArray empty = read(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (0, 3), }", new byte[0]));
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.dataType()).isEqualTo(DataType.FLOAT);
        // Key order and quoting are free: a hand-written header with double quotes and no trailing comma.
        INDArray reordered = read(npy(1, "{\"shape\": (1,2), \"fortran_order\": False, \"descr\": \"<i4\"}", ints(5, 6)));
        assertThat(reordered).isEqualTo(Nd4j.createFromArray(new int[][]{{5, 6}}));
    }

    @Test
    void largerFileFromDiskRoundTripsEveryValue() throws IOException {
        float[] v = new float[3 * 50 * 70];
        for (int k = 0; k < v.length; k++) v[k] = (float) Math.sin(k);
        Path f = dir.resolve("big.npy");
        Files.write(f, npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 50, 70), }", floats(v)));
        INDArray a = Npy.read(f);
        assertThat(a.shape()).containsExactly(3, 50, 70);
        assertThat(a.getFloat(2, 49, 69)).isEqualTo(v[v.length - 1]);
        assertThat(a.getFloat(1, 2, 3)).isEqualTo(v[50 * 70 + 2 * 70 + 3]);
        assertThat(a.reshape(-1).toFloatVector()).containsExactly(v);
    }

    @Test
    void kerasTestResourceInputFromNumpy() throws IOException {
        INDArray x = Npy.read(KerasFiles.copy("cnn_batch_norm_input.npy", dir));
        assertThat(x.dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(x.shape()).containsExactly(5, 10, 10, 3);
        // Values printed by numpy: np.load('input.npy').ravel()[[0, 1, -1]].
        assertThat(x.getDouble(0, 0, 0, 0)).isEqualTo(0.27812652, org.assertj.core.data.Offset.offset(1e-8));
        assertThat(x.getDouble(0, 0, 0, 1)).isEqualTo(0.45931689, org.assertj.core.data.Offset.offset(1e-8));
        INDArray p = Npy.read(KerasFiles.copy("cnn_batch_norm_predictions.npy", dir));
        assertThat(p.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(p.shape()).containsExactly(5, 1);
        assertThat(p.getFloat(0, 0)).isEqualTo(-0.0520611f, org.assertj.core.data.Offset.offset(1e-7f));
    }

    @Test
    void unsupportedDtypesOrdersAndVersionsAreNamed() {
        assertThatThrownBy(() -> read(npy(1, "{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", floats(1))))
                .isInstanceOf(IOException.class).hasMessageContaining("'>f4'").hasMessageContaining("big-endian");
        assertThatThrownBy(() -> read(npy(1, "{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", new byte[8])))
                .isInstanceOf(IOException.class).hasMessageContaining("'<c8' is not supported");
        assertThatThrownBy(() -> read(npy(1, "{'descr': '<U3', 'fortran_order': False, 'shape': (1,), }", new byte[12])))
                .isInstanceOf(IOException.class).hasMessageContaining("'<U3'");
        assertThatThrownBy(() -> read(npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", floats(1, 2, 3, 4))))
                .isInstanceOf(IOException.class).hasMessageContaining("Fortran order");
        assertThatThrownBy(() -> read(npy(1, "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", floats(1))))
                .isInstanceOf(IOException.class).hasMessageContaining("structured dtype");
        byte[] v9 = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", floats(1));
        v9[6] = 9;
        assertThatThrownBy(() -> read(v9)).isInstanceOf(IOException.class).hasMessageContaining("version 9.0");
        assertThatThrownBy(() -> read("PK\u0003\u0004 an npz".getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(IOException.class).hasMessageContaining("not a .npy file");
        assertThatThrownBy(() -> read(npy(1, "{'descr': '<f4', 'fortran_order': False 'shape': (1,), }", floats(1))))
                .isInstanceOf(IOException.class).hasMessageContaining("unreadable .npy header");
    }

    @Test
    void truncatedFilesSayHowMuchIsMissing() {
        byte[] whole = npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", doubles(1, 2, 3, 4, 5, 6));
        assertThatThrownBy(() -> read(Arrays.copyOf(whole, whole.length - 1)))
                .isInstanceOf(IOException.class).hasMessageContaining("test.npy: truncated")
                .hasMessageContaining("6 values of <f8 (48 bytes)").hasMessageContaining("47 bytes");
        assertThatThrownBy(() -> read(Arrays.copyOf(whole, 30)))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated").hasMessageContaining("header");
        assertThatThrownBy(() -> read(Arrays.copyOf(whole, 9)))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated");
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        extra.writeBytes(whole);
        extra.write(0);
        assertThatThrownBy(() -> read(extra.toByteArray()))
                .isInstanceOf(IOException.class).hasMessageContaining("more bytes after");
    }

    @Test
    void smallIntegerBoolAndHalfTypesKeepTheirType() throws IOException {
        INDArray u8 = read(npy(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 2), }", new byte[]{0, 127, (byte) 128, (byte) 255}));
        assertThat(u8.dataType()).isEqualTo(DataType.UINT8);
        assertThat(u8.castTo(DataType.INT)).isEqualTo(Nd4j.createFromArray(new int[][]{{0, 127}, {128, 255}}));
        INDArray i8 = read(npy(1, "{'descr': '|i1', 'fortran_order': False, 'shape': (2,), }", new byte[]{-128, 5}));
        assertThat(i8.dataType()).isEqualTo(DataType.BYTE);
        assertThat(i8.castTo(DataType.INT).toIntVector()).containsExactly(-128, 5);
        INDArray b = read(npy(1, "{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", new byte[]{1, 0, 1}));
        assertThat(b.dataType()).isEqualTo(DataType.BOOL);
        assertThat(b.castTo(DataType.INT).toIntVector()).containsExactly(1, 0, 1);
        ByteBuffer s = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putShort((short) -3).putShort((short) 0x3c00);
        INDArray i16 = read(npy(1, "{'descr': '<i2', 'fortran_order': False, 'shape': (2,), }", s.array()));
        assertThat(i16.dataType()).isEqualTo(DataType.SHORT);
        assertThat(i16.castTo(DataType.INT).toIntVector()).containsExactly(-3, 0x3c00);
        // 0x3c00 is 1.0 in IEEE half precision, 0xc000 is -2.0.
        ByteBuffer h = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x3c00).putShort((short) 0xc000);
        INDArray f16 = read(npy(1, "{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }", h.array()));
        assertThat(f16.dataType()).isEqualTo(DataType.HALF);
        assertThat(f16.castTo(DataType.FLOAT).toFloatVector()).containsExactly(1f, -2f);
    }

    @Test
    void npzArchivesStoredAndDeflated() throws IOException {
        for (int method : new int[]{java.util.zip.ZipEntry.STORED, java.util.zip.ZipEntry.DEFLATED}) {
            Path f = dir.resolve("a" + method + ".npz");
            byte[] x = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", floats(1.5f, -2));
            byte[] y = npy(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }", new byte[]{1, 2, (byte) 200});
            try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(f))) {
                for (var e : java.util.Map.of("x.npy", x, "y_train.npy", y).entrySet()) {
                    java.util.zip.ZipEntry z = new java.util.zip.ZipEntry(e.getKey());
                    z.setMethod(method);
                    if (method == java.util.zip.ZipEntry.STORED) {
                        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                        crc.update(e.getValue());
                        z.setSize(e.getValue().length);
                        z.setCrc(crc.getValue());
                    }
                    zip.putNextEntry(z);
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
            java.util.Map<String, Object> npz = Npy.readNpz(f);
            assertThat(npz).containsOnlyKeys("x", "y_train");
            assertThat((INDArray) npz.get("x")).isEqualTo(Nd4j.createFromArray(1.5f, -2f));
            assertThat(((INDArray) npz.get("y_train")).castTo(DataType.INT).toIntVector()).containsExactly(1, 2, 200);
        }
        Path notZip = Files.writeString(dir.resolve("bad.npz"), "not a zip");
        assertThatThrownBy(() -> Npy.readNpz(notZip)).isInstanceOf(IOException.class).hasMessageContaining("bad.npz");
    }

    @Test
    void objectArraysFromNumpyThroughPickles() throws IOException {
        io.jkeras.testing.Python.assumeNumpy();
        Path f = dir.resolve("obj.npy");
        // np.save of a ragged object array: a .npy header with '|O', then the array pickled (protocol 3).
        io.jkeras.testing.Python.run("import sys, numpy as np\n"
                + "a = np.empty(3, dtype=object); a[0] = [1, 2, 3]; a[1] = np.array([7, 8], dtype=np.int32); a[2] = []\n"
                + "np.save(sys.argv[1], a, allow_pickle=True)", f.toString());
        try (var in = Files.newInputStream(f)) {
            Object o = Npy.readAny(in, f.toString());
            assertThat(o).isInstanceOf(Pickles.NumpyArray.class);
            Object[] e = ((Pickles.NumpyArray) o).elements();
            assertThat(e).hasSize(3);
            assertThat(Pickles.toIntArray(e[0])).containsExactly(1, 2, 3);
            assertThat(Pickles.toIntArray(e[1])).containsExactly(7, 8);
            assertThat(Pickles.toIntArray(e[2])).isEmpty();
        }
        assertThatThrownBy(() -> Npy.read(f)).isInstanceOf(IOException.class).hasMessageContaining("object array");
    }

    @Test
    void aPickleNeverRunsTheCodeItNames() throws IOException {
        io.jkeras.testing.Python.assumeNumpy();
        Path f = dir.resolve("evil.pkl");
        Path marker = dir.resolve("ran");
        io.jkeras.testing.Python.run("import sys, os, pickle\n"
                + "class E:\n    def __reduce__(self): return (os.system, ('touch ' + sys.argv[2],))\n"
                + "pickle.dump({b'data': E()}, open(sys.argv[1], 'wb'), protocol=2)", f.toString(), marker.toString());
        assertThatThrownBy(() -> Pickles.load(f)).isInstanceOf(IOException.class).hasMessageContaining("evil.pkl");
        assertThat(marker).doesNotExist();
    }
}
