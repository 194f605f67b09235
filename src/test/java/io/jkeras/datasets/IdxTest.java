package io.jkeras.datasets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdxTest {
    /** A 2×3 unsigned-byte IDX file with values 0, 1, 127, 128, 200, 255. */
    private static final byte[] SMALL = {0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 0, 1, 127, (byte) 128, (byte) 200, (byte) 255};

    @Test
    void readsUnsignedBytesInRowMajorOrder() throws IOException {
        INDArray a = Idx.readUbyte(new ByteArrayInputStream(SMALL), "small");
        assertThat(a.dataType()).isEqualTo(DataType.UINT8);
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.castTo(DataType.INT).toIntMatrix()).isEqualTo(new int[][]{{0, 1, 127}, {128, 200, 255}});
    }

    @Test
    void readsGzippedFiles(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("small-idx2-ubyte.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write(SMALL);
        }
        assertThat(Idx.readUbyte(f).castTo(DataType.INT).toIntMatrix()[1]).containsExactly(128, 200, 255);
    }

    @Test
    void rejectsBadFilesWithTheirName() {
        assertThatThrownBy(() -> Idx.readUbyte(new ByteArrayInputStream(new byte[]{1, 2, 3, 4}), "f.idx"))
                .isInstanceOf(IOException.class).hasMessageContaining("f.idx").hasMessageContaining("not an IDX file");
        assertThatThrownBy(() -> Idx.readUbyte(new ByteArrayInputStream(new byte[]{0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0}), "f.idx"))
                .isInstanceOf(IOException.class).hasMessageContaining("type code 0xd");
        byte[] cut = java.util.Arrays.copyOf(SMALL, SMALL.length - 2);
        assertThatThrownBy(() -> Idx.readUbyte(new ByteArrayInputStream(cut), "f.idx"))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated");
        ByteArrayOutputStream longer = new ByteArrayOutputStream();
        longer.writeBytes(SMALL);
        longer.write(7);
        assertThatThrownBy(() -> Idx.readUbyte(new ByteArrayInputStream(longer.toByteArray()), "f.idx"))
                .isInstanceOf(IOException.class).hasMessageContaining("more data");
    }
}
